/**
 * The report's stylesheet, inlined so report.html is one file that works from disk with no
 * network. Plain CSS: system fonts, a readable measure, charts that shrink with the window.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #222; --muted: #666; --line: #ddd; --bad: #c0392b; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 960px; margin: 0 auto; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 4px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); margin: 0 0 16px; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 16px 0; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.stat .value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
.stat .name { color: var(--muted); font-size: 13px; }
.stat .detail { color: var(--muted); font-size: 12px; }
.stat.bad .value { color: var(--bad); }
figure h3 { font-size: 15px; margin: 0 0 6px; }
figure { margin: 12px 0 24px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); margin-top: 4px; }
.note { color: var(--muted); font-style: italic; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 7px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th { font-weight: 600; border-bottom: 2px solid #bbb; }
th:first-child, td:first-child { text-align: left; }
.table-wrap { overflow-x: auto; }
footer { color: var(--muted); margin-top: 32px; font-size: 12px; }
`;
