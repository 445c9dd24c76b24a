/** The report's only style sheet: inline, system fonts, no network. Printable on A4 landscape. */
export const STYLES = `
:root {
  --ink: #1a1a1a; --muted: #5b6470; --line: #d9dee4; --panel: #ffffff; --page: #f4f6f8;
  --accent: #00695c; --ok: #1b5e20; --ok-bg: #e8f5e9; --warn: #8a4b00; --warn-bg: #fff4e0;
  --bad: #aa231c; --bad-bg: #fdecea;
}
* { box-sizing: border-box; }
html { background: var(--page); color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
body { margin: 0; padding: 24px; }
.page { max-width: 1200px; margin: 0 auto; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 12px; }
p { margin: 0 0 8px; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eef1f4;
  padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
a { color: #0b5cad; }
.banner { background: #5c2d91; color: #fff; border-radius: 8px; padding: 14px 18px; margin-bottom: 16px;
  font-size: 16px; }
.banner strong { font-size: 20px; letter-spacing: .04em; margin-right: 8px; }
.banner code { background: rgba(255, 255, 255, .16); color: #fff; }
.notice { background: var(--warn-bg); color: var(--warn); border-left: 4px solid var(--warn);
  padding: 10px 14px; border-radius: 4px; margin-bottom: 16px; }
header.top { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: flex-start; justify-content: space-between;
  margin-bottom: 20px; }
.meta { color: var(--muted); margin: 0; }
.status { display: inline-block; border-radius: 999px; padding: 6px 14px; font-weight: 600; white-space: nowrap; }
.status-ok { background: var(--ok-bg); color: var(--ok); }
.status-partial { background: var(--warn-bg); color: var(--warn); }
.status-failed, .status-refused, .status-stopped, .status-busy { background: var(--bad-bg); color: var(--bad); }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px;
  margin-bottom: 18px; }
.row { display: flex; flex-wrap: wrap; gap: 18px; margin-bottom: 18px; align-items: stretch; }
.row > section { flex: 1 1 420px; margin-bottom: 0; min-width: 0; }
.row > section.natural { flex: 0 1 auto; }
.natural p { max-width: 34em; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(128px, 1fr)); gap: 12px; margin: 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; margin: 0; }
.card dt { color: var(--muted); font-size: 13px; }
.card dd { margin: 2px 0 0; font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .sub { display: block; font-size: 12px; font-weight: 400; color: var(--muted); }
.card.bad { border-color: var(--bad); background: var(--bad-bg); }
.card.bad dd { color: var(--bad); }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); font-size: 13px; padding-bottom: 8px; caption-side: top; }
th, td { border: 1px solid var(--line); padding: 6px 10px; }
thead th { background: #f7f8fa; font-weight: 600; }
.matrix thead th { white-space: nowrap; }
th[scope="row"] { text-align: left; background: #f7f8fa; font-weight: 600; white-space: nowrap; }
.matrix td { text-align: right; min-width: 58px; }
.matrix td.zero { color: #a3aab3; }
.matrix td.same { background: #f1f2f4; color: #8a929c; }
.matrix .total { font-weight: 650; background: #f7f8fa; }
.corner { font-weight: 400; color: var(--muted); font-size: 12px; text-align: left; }
.legend { color: var(--muted); font-size: 13px; margin-top: 8px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin: 0 4px 0 10px; }
.list { width: 100%; }
.list th[scope="row"] { white-space: normal; }
.list td, .list th { text-align: left; }
.scroll { max-height: 520px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
.scroll table { width: 100%; }
.scroll th, .scroll td { border-width: 0 0 1px; }
.scroll thead th { position: sticky; top: 0; z-index: 1; }
.scroll caption { padding: 8px 10px; }
.down { color: var(--bad); font-weight: 600; }
.num, .list .num { text-align: right; }
.better { color: var(--ok); font-weight: 600; }
.worse { color: var(--bad); font-weight: 600; }
.kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
.kv dt { color: var(--muted); }
.kv dd { margin: 0; }
footer { color: var(--muted); font-size: 12px; margin-top: 8px; }
@media print {
  html { background: #fff; font-size: 12px; }
  body { padding: 0; }
  section { break-inside: avoid; }
  .scroll { max-height: none; overflow: visible; }
  .banner, .status, td, th, .card { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
