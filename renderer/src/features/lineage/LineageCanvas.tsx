import { forwardRef, useRef, useState } from 'react';
import { type Layout, NODE_TYPE_TEXT, displayLabel } from './layout';

const FILL: Record<string, string> = {
  dataset: '#ddf4ff',
  'mlflow-dataset': '#ddf4ff',
  job: '#fff8c5',
  run: '#fbefff',
  'mlflow-run': '#fbefff',
  'model-version': '#dafbe1',
  decisions: '#ffebe9',
};

/**
 * The laid-out graph as SVG with zoom (wheel, buttons) and pan (drag). Nodes are focusable buttons:
 * Enter or a click refocuses the walk on that node. Colours are explicit so exported files look the same.
 */
export const LineageCanvas = forwardRef<
  SVGSVGElement,
  { layout: Layout; start: string; onPick: (key: string) => void }
>(function LineageCanvas({ layout, start, onPick }, ref) {
  // Natural size (readable labels) inside a scrolling viewport; zoom scales the drawing, drag scrolls it.
  const [scale, setScale] = useState(1);
  const [drag, setDrag] = useState<{ x: number; y: number; left: number; top: number } | null>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const zoom = (factor: number) => setScale((s) => Math.min(3, Math.max(0.25, s * factor)));
  return (
    <div className="lineage">
      <div className="toolbar" role="group" aria-label="Zoom">
        <button type="button" onClick={() => zoom(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => zoom(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={() => setScale(1)}>
          Reset view
        </button>
      </div>
      <div
        ref={viewport}
        className="lineage-viewport"
        onPointerDown={(e) =>
          viewport.current &&
          setDrag({
            x: e.clientX,
            y: e.clientY,
            left: viewport.current.scrollLeft,
            top: viewport.current.scrollTop,
          })
        }
        onPointerMove={(e) => {
          if (!drag || !viewport.current) return;
          viewport.current.scrollLeft = drag.left - (e.clientX - drag.x);
          viewport.current.scrollTop = drag.top - (e.clientY - drag.y);
        }}
        onPointerUp={() => setDrag(null)}
        onPointerLeave={() => setDrag(null)}
        onWheel={(e) => {
          if (!e.ctrlKey) return;
          e.preventDefault();
          zoom(e.deltaY < 0 ? 1.1 : 0.9);
        }}
        style={{ cursor: drag ? 'grabbing' : 'grab' }}
      >
        <svg
          ref={ref}
          role="group"
          aria-label={`Lineage graph: ${layout.nodes.length} nodes, ${layout.edges.length} edges`}
          viewBox={`0 0 ${Math.max(layout.width, 1)} ${Math.max(layout.height, 1)}`}
          width={Math.max(layout.width, 1) * scale}
          height={Math.max(layout.height, 1) * scale}
        >
          <defs>
            <marker
              id="arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#57606a" />
            </marker>
          </defs>
          <rect width="100%" height="100%" fill="#ffffff" />
          <g>
            {layout.edges.map((e, i) => (
              <polyline
                key={i}
                points={e.points.map((p) => `${p.x},${p.y}`).join(' ')}
                fill="none"
                stroke="#8c959f"
                strokeWidth={1.4}
                markerEnd="url(#arrow)"
              >
                <title>{e.type}</title>
              </polyline>
            ))}
            {layout.nodes.map((n) => (
              <g
                key={n.key}
                transform={`translate(${n.x - n.width / 2} ${n.y - n.height / 2})`}
                role="button"
                tabIndex={0}
                aria-label={`${NODE_TYPE_TEXT[n.type]} ${displayLabel(n)}${n.key === start ? ' (start)' : ''}`}
                onClick={() => onPick(n.key)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onPick(n.key)}
                className="lineage-node"
              >
                <rect
                  width={n.width}
                  height={n.height}
                  rx={8}
                  fill={FILL[n.type] ?? '#f6f8fa'}
                  stroke={n.key === start ? '#0a58ca' : '#8c959f'}
                  strokeWidth={n.key === start ? 3 : 1}
                />
                {/* One text element, type then label with a real space between, so the visible text reads as the name does. */}
              <text fontFamily="DejaVu Sans, sans-serif">
                <tspan x={10} y={16} fontSize={10} fill="#57606a">
                  {NODE_TYPE_TEXT[n.type]}
                </tspan>{' '}
                <tspan x={10} y={33} fontSize={12} fill="#1b1f24">
                  {displayLabel(n)}
                </tspan>
              </text>
                </g>
            ))}
          </g>
        </svg>
      </div>
    </div>
  );
});
