import { useState } from 'react';

/**
 * The highlighted row of a search list driven from its input: ↑↓ move, Enter picks the row at `active`
 * (which may be past the end when the list shrank: the caller decides). Returns false for keys it leaves alone.
 * Takes a React or a window key event: a page-wide list (Today) listens on the window.
 */
export function useListKeys(count: number, onEnter: (active: number) => void) {
  const [active, setActive] = useState(0);
  const onKeyDown = (e: Pick<KeyboardEvent, 'key' | 'preventDefault'>): boolean => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, count - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onEnter(active);
    } else return false;
    return true;
  };
  return { active, setActive, onKeyDown };
}
