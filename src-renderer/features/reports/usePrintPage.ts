import { useEffect } from 'react';

const margins = { portrait: '14mm 12mm 16mm', landscape: '12mm 14mm 16mm' };

/** The @page rule of a report: its paper and orientation, and "Page n of m" in the bottom margin of every page. */
export function pageRule(paper: 'a4' | 'letter', orientation: 'portrait' | 'landscape'): string {
  const size = `${paper === 'a4' ? 'A4' : 'letter'} ${orientation}`;
  return `@page { size: ${size}; margin: ${margins[orientation]}; @bottom-right { content: 'Page ' counter(page) ' of ' counter(pages); font-size: 8pt; } }`;
}

/**
 * Sets the paper of the print while a report is on screen. An adopted stylesheet (no inline style, which the CSP
 * refuses) comes after the app's own, so its @page wins over the default `size: auto`; it is removed on unmount.
 * (Named pages on the report would be neater, but Chromium does not take them from an element this deep.)
 */
export function usePrintPage(paper: 'a4' | 'letter', orientation: 'portrait' | 'landscape'): void {
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(pageRule(paper, orientation));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [paper, orientation]);
}
