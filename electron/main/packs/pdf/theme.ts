/** The visual language of packs: one palette and type scale shared by every block and chart. */
export const THEME = {
  page: { size: 'A4' as const, margin: 50, headerY: 22, footerGap: 30 },
  color: {
    text: '#1a1a1a',
    muted: '#6b6b6b',
    rule: '#c8c8c8',
    headFill: '#eef1f5',
    gap: '#c0392b',
    gapFill: '#fdf1ef',
    na: '#8a8a8a',
    narrative: '#2c5282',
    narrativeFill: '#f2f6fb',
    warning: '#b7791f',
    // Series colours follow the console's charts: reference grey, current blue, then distinct hues.
    series: ['#2b6cb0', '#718096', '#2f855a', '#c05621', '#6b46c1', '#b83280'],
    threshold: ['#d69e2e', '#c53030'],
  },
  size: { title: 22, h1: 14, h2: 11, body: 9, small: 7.5, mono: 7.5 },
} as const;

/** Font names registered on every document. */
export const FONT = { sans: 'Sans', bold: 'Sans-Bold', mono: 'Mono', fallback: 'Fallback' } as const;
