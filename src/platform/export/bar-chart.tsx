import { useId } from 'preact/hooks';

const BAR_FILL = '#0b5cad'; // 6.6:1 against white
const TEXT_FILL = '#1b1f24';
const FONT_SIZE = 13;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;
const GAP = 8;

/** Rough rendered width: CJK and other wide scripts take about 1em, everything else about 0.6em. */
function textWidth(text: string): number {
  let em = 0;
  for (const ch of text) em += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return em * FONT_SIZE;
}

function truncate(text: string, maxWidth: number): string {
  if (textWidth(text) <= maxWidth) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`) > maxWidth) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

interface BarChartProps {
  title: string;
  data: { label: string; value: number }[];
  width?: number;
  valueLabel?: (n: number) => string;
  emptyText?: string;
  /** The page's direction: right to left puts the labels on the right and grows the bars leftwards. */
  dir?: 'ltr' | 'rtl';
}

/**
 * Horizontal bar chart as inline SVG. Values are printed next to the bars (no reliance on colour),
 * and a visually hidden table repeats the data for screen readers and copy-paste.
 * Presentation attributes only: the CSP forbids inline styles.
 */
export function BarChart({ title, data, width = 480, valueLabel = String, emptyText = '—', dir = 'ltr' }: BarChartProps) {
  const titleId = `bar-chart-${useId()}`;
  if (data.length === 0) {
    return (
      <figure>
        <figcaption>{title}</figcaption>
        <p>{emptyText}</p>
      </figure>
    );
  }

  const values = data.map((d) => (Number.isFinite(d.value) ? Math.max(0, d.value) : 0));
  const max = Math.max(...values);
  const texts = data.map((d) => valueLabel(d.value));
  const labelWidth = Math.round(width * 0.3);
  const valueWidth = Math.max(...texts.map(textWidth)) + GAP;
  const barSpace = Math.max(0, width - labelWidth - valueWidth);
  const height = data.length * ROW_HEIGHT;
  // Laid out left to right, then mirrored for right-to-left pages. Every text states its direction, so
  // "start" and "end" mean the same side whatever the page's direction (SVG anchors follow it otherwise).
  const rtl = dir === 'rtl';
  const at = (x: number, w = 0) => (rtl ? width - x - w : x);

  return (
    <figure>
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={titleId}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        font-size={FONT_SIZE}
        fill={TEXT_FILL}
      >
        <title id={titleId}>{title}</title>
        {data.map((d, i) => {
          const barWidth = max > 0 ? Math.round(((values[i] ?? 0) / max) * barSpace * 10) / 10 : 0;
          const top = i * ROW_HEIGHT;
          const baseline = top + ROW_HEIGHT / 2 + FONT_SIZE * 0.35;
          const label = truncate(d.label, labelWidth - GAP);
          return (
            <g>
              <text x={at(labelWidth - GAP)} y={baseline} text-anchor="end" direction={dir}>
                {label !== d.label && <title>{d.label}</title>}
                {label}
              </text>
              <rect
                x={at(labelWidth, barWidth)}
                y={top + (ROW_HEIGHT - BAR_HEIGHT) / 2}
                width={barWidth}
                height={BAR_HEIGHT}
                fill={BAR_FILL}
              />
              <text x={at(labelWidth + barWidth + GAP / 2)} y={baseline} text-anchor="start" direction={dir}>
                {texts[i]}
              </text>
            </g>
          );
        })}
      </svg>
      {/* Hidden in a box: a table is never narrower than its content, so it would widen a narrow page itself. */}
      <div class="visually-hidden">
        <table>
          <tbody>
            {data.map((d, i) => (
              <tr>
                <th scope="row">{d.label}</th>
                <td>{texts[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
