/** The reports' stylesheet: system fonts only (nothing is fetched), print-friendly, compact. */
export const pageCss = `
:root{--ref:#4c78a8;--cur:#f58518;--bad:#c0392b;--ok:#2e7d32;--muted:#666;--line:#ddd}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif;color:#222;margin:0 auto;max-width:1100px;padding:16px 24px}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line)}h3{font-size:15px;margin:0 0 6px}
.meta{color:var(--muted);margin:0 0 12px}
.verdict{display:inline-block;padding:6px 12px;border-radius:4px;font-weight:600;margin:4px 0 12px}
.verdict.bad{background:#fdecea;color:var(--bad)}.verdict.ok{background:#e8f5e9;color:var(--ok)}
.warning{background:#fff4e5;border-left:4px solid var(--cur);padding:8px 12px;margin:8px 0}
table{border-collapse:collapse;margin:4px 0 12px}th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#f6f6f6;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.drifted td:first-child{border-left:3px solid var(--bad)}
.badge{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;font-weight:600;margin-right:4px}
.badge.drift,.badge.critical{background:var(--bad);color:#fff}.badge.ok{background:var(--ok);color:#fff}.badge.warning,.badge.flag{background:#f0ad4e;color:#222}.badge.info,.badge.skip{background:#999;color:#fff}
.feature{border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:12px 0;break-inside:avoid}
.feature .facts{color:#333;margin:4px 0}.feature .facts span{margin-right:16px}
.legend span{margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;opacity:.7}
svg{display:block;max-width:100%;height:auto}
svg text{font:11px system-ui,sans-serif;fill:#555}svg .grid{stroke:#eee}svg .axis{stroke:#999}
svg .ref{fill:var(--ref);opacity:.55}svg .cur{fill:var(--cur);opacity:.55}
svg .s0{stroke:var(--ref)}svg .s1{stroke:var(--cur)}svg .s2{stroke:var(--ok)}svg .s3{stroke:var(--bad)}
svg .line{fill:none;stroke-width:1.5}svg .dots{fill:none;stroke-width:4;stroke-linecap:round}
`.trim();
