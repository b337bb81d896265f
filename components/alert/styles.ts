/**
 * The alert's own CSS, inside its shadow root: the page's styles never reach it, and it carries its
 * own opaque colours so it reads the same on light and dark pages (the theme follows the page).
 * Contrast of text and buttons is at least 4.5:1 in both themes.
 */
export const ALERT_CSS =
  ':host{all:initial}' +
  '.theme{--bg:#fff;--fg:#1b1f24;--muted:#4a5360;--border:#c4ccd6;--accent:#0b57d0;--accent-fg:#fff;--code-bg:#eef1f5;--warn:#b42318;--focus:#0b57d0}' +
  '.theme.dark{--bg:#1e2227;--fg:#f0f3f6;--muted:#b6bec9;--border:#4b5563;--accent:#8ab4f8;--accent-fg:#0b1d3a;--code-bg:#2d333b;--warn:#ff938a;--focus:#8ab4f8}' +
  '.card{box-sizing:border-box;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);border:1px solid var(--border);border-left:4px solid var(--warn);border-radius:8px;padding:12px 14px;box-shadow:0 6px 24px rgba(0,0,0,.28);text-align:left}' +
  '.card.redact{border-left-color:var(--accent)}' +
  '.title{display:flex;align-items:center;gap:8px;margin:0 0 4px;font-size:15px;font-weight:650;color:var(--fg)}' +
  '.mark{flex:none}' +
  '.message{margin:0 0 6px}' +
  '.keys{list-style:none;margin:0 0 8px;padding:0}' +
  '.keys li{margin:2px 0;color:var(--muted)}' +
  '.keys .named{margin:2px 0 0;color:var(--warn);font-weight:600}' +
  'code{font:13px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code-bg);color:var(--fg);padding:1px 5px;border-radius:4px}' +
  '.org{margin:0 0 8px;color:var(--muted);font-size:12px}' +
  '.refusal{margin:6px 0;color:var(--warn);font-weight:600}' +
  '.hint{margin:8px 0 0;color:var(--muted);font-size:12px}' +
  'kbd{font:12px ui-monospace,monospace;border:1px solid var(--border);border-radius:4px;padding:0 4px}' +
  '.org a{color:var(--accent)}' +
  '.actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:6px}' +
  'button{font:inherit;font-size:13px;cursor:pointer;border-radius:6px;padding:5px 12px;border:1px solid var(--border);background:var(--bg);color:var(--fg)}' +
  'button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-fg);font-weight:600}' +
  'button:disabled{opacity:.55;cursor:default}' +
  'button:focus-visible,textarea:focus-visible,a:focus-visible{outline:2px solid var(--focus);outline-offset:2px}' +
  '.justify label{display:block;margin:4px 0;font-weight:600}' +
  'textarea{box-sizing:border-box;width:100%;min-height:56px;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:6px;resize:vertical}';
