/** Styles of selection.ts: the rows as checkboxes and the bar that replaces the composer. */
import { css } from 'lit';

export const selectionStyles = css`
  .row.selecting {
    position: relative;
    cursor: pointer;
    padding-inline-start: 48px;
  }
  .row.selecting[aria-disabled='true'] {
    cursor: default;
    opacity: 0.55;
  }
  .row.selected {
    background: color-mix(in srgb, var(--_accent) 12%, transparent);
  }
  .select-body {
    display: contents;
  }
  .select-mark {
    position: absolute;
    inset-inline-start: 14px;
    top: 50%;
    width: 20px;
    height: 20px;
    margin-top: -11px;
    box-sizing: border-box;
    border: 2px solid var(--_muted);
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: 13px;
    line-height: 1;
  }
  .row[aria-disabled='true'] .select-mark {
    border-style: dashed;
  }
  .row.selected .select-mark {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
  }
  .row.selected .select-mark::after {
    content: '✓';
  }
  .selection-bar {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 10px 12px;
    border-top: 1px solid var(--_border);
    background: var(--_bg);
  }
  .selection-count {
    flex: 1;
    text-align: center;
    font-weight: 600;
  }
`;
