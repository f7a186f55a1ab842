/** A small horizontal bar chart in plain SVG; the numbers are in the table beside it too. */
export function BarChart({ title, bars }: { title: string; bars: { label: string; value: number }[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 26;
  const height = bars.length * rowHeight;
  return (
    <figure className="w-full">
      <figcaption className="mb-2 text-sm font-medium text-muted-foreground">{title}</figcaption>
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 400 ${Math.max(height, 1)}`}
        className="h-auto w-full"
        preserveAspectRatio="none"
      >
        {bars.map((b, i) => {
          const w = Math.max(2, (b.value / max) * 260);
          return (
            <g key={b.label + i} transform={`translate(0, ${i * rowHeight})`}>
              <text x={0} y={17} className="fill-muted-foreground" fontSize={12}>
                {b.label.length > 16 ? `${b.label.slice(0, 15)}…` : b.label}
              </text>
              <rect
                x={120}
                y={5}
                width={w}
                height={16}
                rx={4}
                className="fill-primary transition-all duration-700"
              />
              <text x={126 + w} y={17} className="fill-foreground" fontSize={12}>
                {b.value.toLocaleString('en')}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
