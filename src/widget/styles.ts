/**
 * The widgets' styles, adopted into each shadow root as a constructed stylesheet (allowed under
 * a strict `style-src`: no inline style). Hosts theme them with custom properties and `::part`.
 */
const CSS = `
:host{display:block;container-type:inline-size;min-height:var(--ceu-min-height,36rem);
color:var(--ceu-fg);background:var(--ceu-bg,transparent);font:var(--ceu-font);
--a:var(--ceu-accent,#0b5cad);--m:var(--ceu-muted,#4a5360);--b:var(--ceu-border,#c9ced6);--r:var(--ceu-radius,.375rem)}
:host(ceu-planner){min-height:var(--ceu-min-height,24rem)}
*{box-sizing:border-box}
[hidden]{display:none!important}
:focus-visible{outline:3px solid var(--ceu-focus,#c2410c);outline-offset:2px}
h2,h3,h4,h5{margin:0;line-height:1.3}h2{font-size:1.25rem}h3{font-size:1.05rem}h4,h5{font-size:1rem}
p{margin:0}
ul{margin:0;padding-left:1.25rem}
a{color:var(--a)}
label{display:block;font-weight:600}
input,select,button{font:inherit;color:inherit}
input,select{width:100%;min-height:2.5rem;padding:.35rem .5rem;border:1px solid var(--m);border-radius:var(--r);background:var(--ceu-bg,transparent)}
input[type=checkbox]{width:1.1rem;min-height:1.1rem;margin:0;accent-color:var(--a)}
button{min-height:2.5rem;padding:.35rem .9rem;border:1px solid var(--a);border-radius:var(--r);background:var(--a);color:#fff;cursor:pointer}
button.quiet{background:transparent;color:var(--a)}
button.small{min-height:1.75rem;min-width:1.75rem;padding:.1rem .6rem;font-size:.925em}
.item{display:flex;gap:.5rem;align-items:center;justify-content:space-between;padding:.25rem 0;border-bottom:1px solid var(--b)}
.item>button{flex:none}
ul.items{list-style:none;padding:0}
[aria-invalid=true]{border-color:#a4161a;border-width:2px}
.field-error{color:#a4161a;font-size:.925em;margin-top:.15rem}
.field-error:empty{display:none}
fieldset.row{border-top:0}
.hint{color:var(--m);font-weight:400;font-size:.925em}
button:disabled{opacity:.55;cursor:default}
mark{background:var(--ceu-mark,#fde68a);color:inherit;padding:0 .05em}
.stack{display:grid;gap:.75rem}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
.row>*{flex:1 1 9rem}
.row.narrow>*{flex-basis:6.5rem}
.row>.wide{flex-basis:14rem}
.cred{display:grid;gap:.5rem;align-items:end}.cred>.fit{justify-self:start;margin-bottom:.375rem}
@container (min-width:20rem){.cred{grid-template-columns:1fr 1fr}}
@container (min-width:40rem){.cred{grid-template-columns:1fr 1fr 6rem}}
.layout{display:grid;gap:1rem;margin-top:1rem}
@container (min-width:44rem){.layout{grid-template-columns:15rem 1fr}}
summary{cursor:pointer;font-weight:700;padding:.35rem 0;color:var(--a)}
@container (min-width:44rem){.filters>summary{color:inherit}}
fieldset{border:0;border-top:1px solid var(--b);margin:0;padding:.5rem 0}
legend{font-weight:700;padding:0}
.check{display:grid;grid-template-columns:auto 1fr auto;gap:.5rem;align-items:start;font-weight:400;padding:.15rem 0}
.check input{margin-top:.2rem}
.count{color:var(--m);text-align:right}
.bar{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:space-between;align-items:end}
.bar label{display:flex;gap:.5rem;align-items:center}.bar select{width:auto}
ul.cards{list-style:none;padding:0;margin:.75rem 0;display:grid;gap:.75rem;min-height:20rem}
.card{border:1px solid var(--b);border-radius:var(--r);padding:.75rem;display:grid;gap:.25rem}
.meta{color:var(--m);font-size:.925rem}
.price{font-weight:700}
.tag{display:inline-block;border:1px solid var(--m);border-radius:1rem;padding:0 .5rem;font-size:.8rem;color:var(--m)}
.note{color:var(--m)}
.error{color:#a4161a;font-weight:600}
nav.pages{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:center}nav.pages>*{white-space:nowrap}nav.pages>button{padding-inline:.5rem}
progress{width:100%;height:.9rem;accent-color:var(--a)}
.req{display:grid;gap:.15rem}
.total{font-size:1.5rem;font-weight:700}.total .note{display:block;font-size:1rem;font-weight:400}
.held+.held{border-top:1px solid var(--b);padding-top:.75rem}
.notice{border-left:4px solid #b45309;padding:.4rem .75rem}
td .meta{display:block}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem;border-bottom:1px solid var(--b);vertical-align:top}
td+td,th+th{text-align:right}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`

let sheet: CSSStyleSheet | null = null

export function adoptStyles(root: ShadowRoot) {
  if (!sheet) {
    sheet = new CSSStyleSheet()
    sheet.replaceSync(CSS)
  }
  root.adoptedStyleSheets = [sheet]
}
