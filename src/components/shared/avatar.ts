/** A person's avatar: their initials on a hue of their own, so people are told apart at a glance. The
 * list's rows and the thread's header show the same one (`part="avatar"` in both). */
import { css, html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { displayName, hueOf, initials } from './format.js';

export function avatar(jid: string, name = displayName(jid)) {
  return html`<span class="avatar" part="avatar" aria-hidden="true" style=${styleMap({ '--_avatar-hue': String(hueOf(jid)) })}
    >${initials(name)}</span>`;
}

/** Its look; `--_avatar-size` sets the size where it is used (40px by default). */
export const avatarStyles = css`
  .avatar {
    flex: none;
    box-sizing: border-box;
    width: var(--_avatar-size, 40px);
    height: var(--_avatar-size, 40px);
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-weight: 600;
    font-size: 14px;
    color: #fff;
    background: hsl(var(--_avatar-hue, 210) 45% 32%);
  }
`;
