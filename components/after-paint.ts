/**
 * Calls `cb` once what was just rendered has been painted, and returns a function that cancels it.
 * Call it right after the DOM changed (a `useLayoutEffect`): the next animation frame lays out and
 * paints those changes, and a task posted from its callback runs only after that frame. Preact's
 * `useEffect` is not enough for a "painted" mark: it also runs after a 35 ms timeout when no frame
 * came yet (a busy page), i.e. possibly before the paint.
 */
export function afterNextPaint(cb: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(cb);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
