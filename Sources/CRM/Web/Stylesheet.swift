import Vapor

/// The one stylesheet, served from memory with a content hash in its URL so browsers cache it for good.
enum Stylesheet {
    static let css = """
    :root { --ink:#1d2433; --muted:#5b6475; --line:#d9dde5; --accent:#2457c5; --bad:#b3261e; --bg:#f6f7f9; }
    * { box-sizing: border-box; }
    body { margin:0; font: 15px/1.5 system-ui, "Noto Sans", "Noto Sans CJK SC", "Noto Sans Tamil", sans-serif; color:var(--ink); background:var(--bg); }
    header.top { display:flex; flex-wrap:wrap; gap:.4rem 1.5rem; align-items:center; padding:.6rem 1.5rem; background:#fff; border-bottom:1px solid var(--line); }
    header.top .brand { font-weight:700; color:var(--accent); text-decoration:none; font-size:1.1rem; }
    header.top nav { display:flex; flex-wrap:wrap; gap:.1rem 1rem; flex:1 1 28rem; min-width:0; }
    header.top nav a { color:var(--ink); text-decoration:none; padding:.2rem 0; white-space:nowrap; }
    header.top nav a[aria-current=page] { border-bottom:2px solid var(--accent); }
    form.signout { display:flex; gap:.6rem; align-items:center; margin:0; }
    .who { color:var(--muted); }
    main { max-width:1100px; margin:1.5rem auto; padding:0 1.5rem; }
    h1 { font-size:1.5rem; margin:0 0 1rem; }
    .card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:1rem 1.25rem; margin-bottom:1rem; }
    .narrow { max-width:420px; margin:4rem auto; }
    label { display:block; font-weight:600; margin:.8rem 0 .2rem; }
    input[type=text], input[type=email], input[type=password], select { width:100%; padding:.45rem .6rem; border:1px solid var(--line); border-radius:6px; font:inherit; }
    input[aria-invalid=true], select[aria-invalid=true] { border-color:var(--bad); }
    .field-error { color:var(--bad); font-size:.9rem; margin:.2rem 0 0; }
    button, .button { display:inline-block; margin-top:1rem; padding:.45rem 1rem; border:0; border-radius:6px; background:var(--accent); color:#fff; font:inherit; cursor:pointer; text-decoration:none; }
    button.secondary { background:#e8ebf1; color:var(--ink); }
    button.danger, .button.danger { background:var(--bad); }
    .card h2 { margin-top:0; }
    form.record fieldset:not(.rows) { display:grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap:0 1.2rem; }
    header.top button { margin:0; }
    table { width:100%; border-collapse:collapse; background:#fff; }
    th, td { text-align:left; padding:.5rem .6rem; border-bottom:1px solid var(--line); vertical-align:top; }
    th { font-size:.85rem; color:var(--muted); font-weight:600; }
    td form { display:inline-flex; gap:.4rem; align-items:center; margin:0; }
    td form button, td form select { margin:0; width:auto; }
    .notice { background:#e7f0ff; border:1px solid #b9cdf5; padding:.6rem .9rem; border-radius:6px; }
    .alert { background:#fdecea; border:1px solid #f3b8b3; padding:.6rem .9rem; border-radius:6px; }
    .secret { font-family: ui-monospace, monospace; font-size:1.05rem; background:#fff8dc; padding:.3rem .5rem; border-radius:4px; user-select:all; }
    .muted { color:var(--muted); }
    .tag { display:inline-block; padding:0 .5rem; margin-left:.3rem; border-radius:999px; background:#e8ebf1; font-size:.85rem; color:var(--ink); text-decoration:none; }
    .tag.strong { background:#dbe6fb; color:#173d8c; font-weight:600; }
    .tag.warn { background:#fdecea; color:var(--bad); }
    .title-row { display:flex; gap:1rem; align-items:center; flex-wrap:wrap; }
    .title-row h1, .title-row h2 { flex:1; }
    .actions { display:flex; gap:.5rem; align-items:center; }
    .actions .button, .actions button, .title-row .button { margin-top:0; }
    .subtitle { color:var(--muted); margin-top:-.5rem; }
    .grid { display:grid; grid-template-columns: repeat(auto-fit, minmax(min(320px, 100%), 1fr)); gap:1rem; margin-top:1rem; }
    .grid > *, .card { min-width:0; overflow-x:auto; }
    dl { display:grid; grid-template-columns: 10rem 1fr; gap:.3rem .8rem; margin:0; }
    dt { color:var(--muted); }
    dd { margin:0; }
    .prose { white-space:pre-wrap; }
    ul.plain, ul.results, ul.timeline { list-style:none; padding:0; margin:0; }
    ul.results li, ul.timeline li { padding:.4rem 0; border-bottom:1px solid var(--line); }
    .org { display:grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap:1rem; }
    .department h3 { margin:.2rem 0 .4rem; font-size:1rem; }
    .competitor { border-top:1px solid var(--line); padding:.6rem 0; }
    .filters { display:flex; gap:.8rem; align-items:flex-end; flex-wrap:wrap; margin-bottom:1rem; }
    .tabs { display:flex; gap:.4rem 1.2rem; flex-wrap:wrap; margin-bottom:1rem; }
    .tabs a[aria-current=page] { font-weight:600; text-decoration:none; }
    .filters .field { min-width:10rem; }
    .filters button { margin-top:0; }
    form.record fieldset { border:1px solid var(--line); border-radius:8px; background:#fff; margin:0 0 1rem; padding:.5rem 1rem 1rem; }
    fieldset.rows .row { display:flex; gap:.6rem; flex-wrap:wrap; }
    fieldset.rows .row .field { flex:1; min-width:8rem; }
    textarea { width:100%; padding:.45rem .6rem; border:1px solid var(--line); border-radius:6px; font:inherit; }
    input[type=tel], input[type=date], input[type=search] { width:100%; padding:.45rem .6rem; border:1px solid var(--line); border-radius:6px; font:inherit; }
    label.check { display:block; font-weight:normal; margin:.4rem 0; }
    .quick-search { margin:0; }
    .quick-search input { width:16rem; max-width:100%; }
    .stage-line { display:flex; flex-wrap:wrap; gap:.3rem 1rem; align-items:center; border-bottom:1px solid var(--line); }
    .stage-line .stage-row { flex:1 1 40rem; }
    .stage-actions { display:flex; gap:.3rem; align-items:center; }
    .stage-actions form { margin:0; display:flex; gap:.3rem; }
    .stage-actions button, .stage-actions select { margin:0; width:auto; }
    @media (max-width: 720px) {
      header.top { padding:.5rem .8rem; gap:.4rem .8rem; }
      header.top nav { order:3; flex-basis:100%; }
      .quick-search { flex:1 1 8rem; }
      .quick-search input { width:100%; }
      main { padding:0 .8rem; margin-top:1rem; }
      table { display:block; overflow-x:auto; }
      dl { grid-template-columns: 1fr; }
      .grid, .tiles { grid-template-columns: 1fr; }
      .stage-row { grid-template-columns: 2rem 1fr 1fr; }
      .board { flex-direction:column; }
      .column { flex-basis:auto; width:100%; }
    }
    .caller h2 { margin:0; }
    ul.errors { margin:0 0 1rem; padding-left:1.5rem; }
    main:has(.board) { max-width:none; }
    .board { display:flex; gap:.8rem; overflow-x:auto; align-items:flex-start; padding-bottom:1rem; }
    .column { flex:0 0 15rem; background:#eceff4; border-radius:8px; padding:.6rem; min-height:12rem; }
    .column.over { outline:2px dashed var(--accent); }
    .column.won { background:#e8f4ea; }
    .column.lost { background:#f7eceb; }
    .column h2 { font-size:1rem; margin:0; }
    .column .totals { font-size:.85rem; margin:.2rem 0 .6rem; }
    article.deal { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.5rem .6rem; margin-bottom:.5rem; cursor:grab; font-size:.9rem; }
    article.deal.stale { border-left:4px solid var(--bad); }
    article.deal.dragging { opacity:.5; }
    .deal-name { font-weight:600; }
    form.move { display:flex; gap:.3rem; margin:.4rem 0 0; }
    form.move select { width:auto; flex:1; font-size:.8rem; padding:.15rem; }
    form.move button { margin:0; padding:.15rem .5rem; font-size:.8rem; }
    .tiles { display:grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap:1rem; }
    a.tile { color:var(--ink); text-decoration:none; }
    .tile .figure { font-size:1.6rem; font-weight:700; }
    svg.chart { width:100%; height:auto; }
    td.number { text-align:right; font-variant-numeric: tabular-nums; }
    .stage-row { display:grid; grid-template-columns: 2rem 1fr 8rem 8rem 9rem 5rem; gap:.5rem; align-items:center; margin:.3rem 0; }
    .stage-row.head { color:var(--muted); font-size:.85rem; }
    .stage-row input, .stage-row select { width:100%; padding:.3rem; border:1px solid var(--line); border-radius:6px; font:inherit; }
    .stage-row button { margin:0; }
    input[type=number], input[type=month] { padding:.45rem .6rem; border:1px solid var(--line); border-radius:6px; font:inherit; }
    """

    static let path = "/assets/app-\(String(css.hashValueStable, radix: 16)).css"

    static func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .css
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        return Response(status: .ok, headers: headers, body: .init(string: css))
    }
}

extension String {
    /// FNV-1a: Swift's `hashValue` changes from run to run, which would defeat caching.
    var hashValueStable: UInt32 {
        utf8.reduce(2_166_136_261 as UInt32) { ($0 ^ UInt32($1)) &* 16_777_619 }
    }
}
