/** Where a document's page is: enough of a Location to decide about the site and record a sighting. */
export interface PageLocation {
  href: string;
  origin: string;
  pathname: string;
}

/**
 * The page a document belongs to, for deciding whether it is guarded and for sightings: its own
 * location when it is a web page; otherwise (about:blank, about:srcdoc, blob:, data:, i.e. frames
 * and `window.open('')` popups a page makes and writes into) the page that made it: the parent
 * frame, else the opener. A document with an opaque origin (a sandboxed frame, a data: frame)
 * cannot read its parent's location; Chromium still names the parent's origin in
 * `location.ancestorOrigins`, and a blob: document's origin is its maker's.
 */
export function pageLocation(win: Window): PageLocation {
  let w = win;
  for (let depth = 0; depth < 8; depth++) {
    const loc = w.location;
    if (/^https?:$/.test(loc.protocol)) return loc;
    const maker: Window | null = w.parent !== w ? w.parent : (w.opener as Window | null);
    if (!maker) break;
    try {
      void maker.location.href;
      w = maker;
    } catch {
      break;
    }
  }
  const origin = win.location.ancestorOrigins?.[0] ?? win.location.origin;
  if (/^https?:\/\//.test(origin)) return { href: `${origin}/`, origin, pathname: '/' };
  return win.location;
}
