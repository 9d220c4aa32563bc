/** Line icons of a chat's menu and rows, drawn as SVG by lit (no markup strings), in the weight of the
 * thread header's glyphs; `currentColor`, so they follow the theme. Decorative: the text beside them
 * (or an aria-label on the element holding them) names what they mean. */
import { svg, type SVGTemplateResult } from 'lit';

const icon = (paths: SVGTemplateResult, size = 18) => svg`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true" fill="none"
  stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;

const bellPath = svg`<path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z"/><path d="M10 20.5a2 2 0 0 0 4 0"/>`;

/** A bell: notifications on (Unmute). */
export const bellIcon = (size?: number) => icon(bellPath, size);
/** A struck-through bell: muted (Mute, and the muted row's mark). */
export const bellOffIcon = (size?: number) => icon(svg`${bellPath}<path d="M4 3l16 18"/>`, size);
/** A box: Archive, Unarchive, the archived chats. */
export const archiveIcon = (size?: number) => icon(svg`<rect x="3" y="4" width="18" height="4" rx="1"/><path d="M5 8v11h14V8M10 12h4"/>`, size);
/** An eraser line: Clear chat. */
export const clearIcon = (size?: number) => icon(svg`<path d="M4 20h16"/><path d="M7 16l9-11 4 3.5-8 9.5H8z"/>`, size);
/** A bin: Delete chat. */
export const binIcon = (size?: number) => icon(svg`<path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13"/>`, size);
