'use client';
import { useEffect, useState } from 'react';

/**
 * False on mount, true once the browser has painted the frame the mount was committed in: a part
 * of a page rendered only then costs its render, style and layout in the next frame, not in the
 * page's first. (`useDeferredValue` or a transition do not promise that: React may render them in
 * the very next task, before the browser's next rendering opportunity, so the first frame waits for
 * them anyway.) A requestAnimationFrame callback runs just before that frame's style, layout and
 * paint; a message posted from it is delivered as the first task after them. In a background tab
 * nothing is painted and animation frames wait, so the part waits too, until the tab is shown.
 */
export function useAfterNextPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let live = true;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => live && setPainted(true);
    const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      channel.port1.close();
    };
  }, []);
  return painted;
}
