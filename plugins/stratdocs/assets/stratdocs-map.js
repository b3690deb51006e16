/* stratdocs: the interactive strategy map (map/), drawn with Cytoscape.js from graph.json.
   Loaded on every page, it does nothing where there is no #sd-map. It takes no URL from the page:
   cytoscape.min.js and graph.json are its own siblings in assets/stratdocs/, and a document's page
   is a relative URL from graph.json, resolved against the site's root and refused if it leaves it.
   Text from documents is only ever set with textContent or drawn on the canvas, never parsed as HTML.
   First view: one circle per cluster (an aim and what serves it), counted; a circle opens on click,
   and a document found by search is shown with its neighbourhood (1 or 2 hops). Positions come
   from the build (the `preset` layout): nothing is laid out in the browser. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  if (!here) { return; }
  var ROOT = new URL("../../", here);  // this file is assets/stratdocs/stratdocs-map.js
  var MAX_RESULTS = 20;
  var MAX_NEIGHBOURHOOD = 400;  // drawn around a focused document; more are counted, not drawn
  var MAX_BETWEEN = 300;  // links between closed clusters drawn, the most used first

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function pageUrl(url) {
    // A page of this site, or null: no scheme, no host, and still under the site's root once resolved.
    if (typeof url !== "string" || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.indexOf("//") === 0 || url.indexOf("\\") >= 0) {
      return null;
    }
    var resolved = new URL(url, ROOT);
    return resolved.origin === ROOT.origin && resolved.href.indexOf(ROOT.href) === 0 ? resolved.href : null;
  }

  function loadCytoscape() {
    if (window.cytoscape) { return Promise.resolve(window.cytoscape); }
    return new Promise(function (resolve, reject) {
      var script = el("script", { src: new URL("cytoscape.min.js", here).href, async: "" });
      script.onload = function () { resolve(window.cytoscape); };
      script.onerror = function () { reject(new Error("cytoscape.min.js did not load")); };
      document.head.appendChild(script);
    });
  }

  function select(label, name, options) {
    var wrap = el("label", { "class": "sd-map-field" }, label + " ");
    var box = el("select", { name: name });
    box.appendChild(el("option", { value: "" }, "all"));
    options.forEach(function (o) { box.appendChild(el("option", { value: o[0] }, o[1])); });
    wrap.appendChild(box);
    return { wrap: wrap, box: box };
  }

  function distinct(nodes, key) {
    var seen = {};
    nodes.forEach(function (n) { if (n[key]) { seen[n[key]] = true; } });
    return Object.keys(seen).sort();
  }

  function frames() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () { requestAnimationFrame(function () { resolve(); }); });
    });
  }

  function start() {
    var box = document.getElementById("sd-map");
    if (!box || box.getAttribute("data-sd-map") === "started") { return; }
    box.setAttribute("data-sd-map", "started");
    var status = box.querySelector(".sd-map-status") || el("p", { "class": "sd-map-status" });
    status.setAttribute("aria-live", "polite");
    status.textContent = "Loading the map…";
    var handle = window.stratdocsMap = { ready: false, startedAt: performance.now() };
    Promise.all([loadCytoscape(), fetch(new URL("graph.json", here).href).then(function (r) {
      if (!r.ok) { throw new Error("graph.json: HTTP " + r.status); }
      return r.json();
    })]).then(function (got) {
      handle.loadedAt = performance.now();
      draw(box, status, got[0], got[1], handle);
    }).catch(function (err) {
      status.textContent = "The interactive map could not be drawn (" + err.message + "); the overview below lists every document.";
      handle.error = String(err);
    });
  }

  function draw(box, status, cytoscape, data, handle) {
    var nodes = data.nodes || [], edges = data.edges || [], clusters = data.clusters || [];
    var docs = {}, byCluster = {}, clusterById = {}, adjacency = {};
    nodes.forEach(function (n) {
      docs[n.id] = n;
      n.search = (n.title + " " + n.id).toLowerCase();
      (byCluster[n.cluster] = byCluster[n.cluster] || []).push(n.id);
      adjacency[n.id] = [];
    });
    clusters.forEach(function (c) { clusterById[c.id] = c; });
    edges.forEach(function (e, i) {
      e.key = "e:" + i;
      if (adjacency[e.source] && adjacency[e.target]) {
        adjacency[e.source].push([e.target, e]);
        adjacency[e.target].push([e.source, e]);
      }
    });
    var kinds = data.kinds || {};
    // Links between clusters: the most-used few hundred, or a map of many aims is a hairball (and slow to open).
    var betweenShown = (data.clusterEdges || []).map(function (e, i) { e.index = i; return e; })
      .sort(function (a, b) { return b.count - a.count || a.index - b.index; }).slice(0, MAX_BETWEEN);

    // Controls: made here, so the page's own markup needs none (and the sanitiser keeps what it has).
    var bar = el("div", { "class": "sd-map-controls" });
    var searchWrap = el("div", { "class": "sd-map-search" });
    var searchLabel = el("label", { "class": "sd-map-field" }, "Find ");
    var search = el("input", { type: "search", placeholder: "title or id", autocomplete: "off", "aria-label": "Find a document by title or id" });
    searchLabel.appendChild(search);
    var results = el("ul", { "class": "sd-map-results", role: "listbox" });
    searchWrap.appendChild(searchLabel);
    searchWrap.appendChild(results);
    var kindSelect = select("Kind", "kind", Object.keys(kinds).map(function (k) { return [k, kinds[k].title || k]; }));
    var statusSelect = select("Status", "status", distinct(nodes, "status").map(function (s) { return [s, s]; }));
    var healthSelect = select("Health", "health", distinct(nodes, "health").map(function (s) { return [s, s]; }));
    var ownerLabel = el("label", { "class": "sd-map-field" }, "Owner ");
    var owner = el("input", { type: "search", placeholder: "any", list: "sd-map-owners", autocomplete: "off" });
    var owners = el("datalist", { id: "sd-map-owners" });
    distinct(nodes, "owner").slice(0, 500).forEach(function (o) { owners.appendChild(el("option", { value: o })); });
    ownerLabel.appendChild(owner);
    ownerLabel.appendChild(owners);
    var hopsSelect = el("select", { name: "hops" });
    hopsSelect.appendChild(el("option", { value: "1" }, "1 hop"));
    hopsSelect.appendChild(el("option", { value: "2" }, "2 hops"));
    var hopsLabel = el("label", { "class": "sd-map-field" }, "Neighbourhood ");
    hopsLabel.appendChild(hopsSelect);
    var reset = el("button", { type: "button", "class": "sd-map-reset" }, "Show clusters");
    [searchWrap, kindSelect.wrap, statusSelect.wrap, healthSelect.wrap, ownerLabel, hopsLabel, reset].forEach(function (c) {
      bar.appendChild(c);
    });
    var canvas = el("div", { "class": "sd-map-canvas" });
    var panel = el("div", { "class": "sd-map-panel" });
    box.textContent = "";
    box.appendChild(bar);
    box.appendChild(status);
    box.appendChild(canvas);
    box.appendChild(panel);

    var openClusters = {}, focused = null, hood = {};
    var filters = { kind: "", status: "", health: "", owner: "" };

    function matches(n) {
      return (!filters.kind || n.kind === filters.kind) && (!filters.status || n.status === filters.status)
        && (!filters.health || n.health === filters.health)
        && (!filters.owner || n.owner.toLowerCase().indexOf(filters.owner) >= 0);
    }

    var cy = cytoscape({
      container: canvas,
      elements: [],
      layout: { name: "preset" },
      minZoom: 0.005,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autoungrabify: true,
      hideEdgesOnViewport: nodes.length > 2000,
      textureOnViewport: nodes.length > 2000,
      style: [
        { selector: "node", style: { "label": "data(label)", "text-valign": "bottom", "text-halign": "center",
          "font-size": 12, "min-zoomed-font-size": 9, "text-wrap": "ellipsis", "text-max-width": 160,
          "width": 22, "height": 22, "background-color": "data(fill)", "border-width": 2, "border-color": "data(stroke)",
          "color": "#212121", "text-background-color": "#ffffff", "text-background-opacity": 0.7 } },
        { selector: "node.cluster", style: { "width": "data(size)", "height": "data(size)", "background-color": "#e8eaf6",
          "background-opacity": 0.6, "border-color": "#3949ab", "border-width": 3, "text-valign": "center",
          "font-size": "data(font)", "min-zoomed-font-size": 7, "text-max-width": "data(size)", "text-wrap": "wrap" } },
        { selector: "node.cluster.empty", style: { "opacity": 0.25 } },
        { selector: "edge", style: { "curve-style": "haystack", "width": 1, "line-color": "#9e9e9e", "opacity": 0.5 } },
        { selector: "edge.between", style: { "width": "data(width)", "line-color": "#7986cb", "opacity": 0.35 } },
        { selector: ".faded", style: { "opacity": 0.12, "label": "" } },
        { selector: "node.near", style: { "min-zoomed-font-size": 0, "z-index": 10 } },
        { selector: "edge.near", style: { "line-color": "#4527a0", "opacity": 0.9, "width": 2 } },
        { selector: "node.focus", style: { "border-color": "#4527a0", "border-width": 6, "width": 34, "height": 34,
          "font-weight": "bold", "min-zoomed-font-size": 0, "z-index": 20 } }
      ]
    });

    function docElement(n) {
      var kind = kinds[n.kind] || {};
      return { group: "nodes", data: { id: "d:" + n.id, doc: n.id, label: n.title, fill: kind.fill || "#eeeeee",
        stroke: kind.stroke || "#616161" }, position: { x: n.x, y: n.y }, classes: "doc" };
    }

    function sync() {
      // What is drawn: a circle per closed cluster with a matching document, the documents of open
      // clusters that match the filters, and a focused document's neighbourhood; the links among them.
      var wanted = {}, counts = {};
      nodes.forEach(function (n) {
        if (matches(n)) {
          counts[n.cluster] = (counts[n.cluster] || 0) + 1;
          if (openClusters[n.cluster]) { wanted["d:" + n.id] = n; }
        }
      });
      Object.keys(hood).forEach(function (id) { wanted["d:" + id] = docs[id]; });
      var closed = {};
      clusters.forEach(function (c) { if (!openClusters[c.id]) { closed[c.id] = true; } });
      var add = [];
      cy.batch(function () {
        cy.elements().forEach(function (e) {
          var id = e.id();
          var keep = id.indexOf("d:") === 0 ? wanted[id] : id.indexOf("c:") === 0 ? closed[e.data("cluster")]
            : id.indexOf("b:") === 0 ? closed[e.data("from")] && closed[e.data("to")]
            : wanted["d:" + e.data("a")] && wanted["d:" + e.data("b")];
          if (!keep) { cy.remove(e); }
        });
        clusters.forEach(function (c) {
          if (!closed[c.id]) { return; }
          var n = counts[c.id] || 0, id = "c:" + c.id;
          var label = c.title + " (" + (n === c.count ? c.count : n + " of " + c.count) + ")";
          var existing = cy.getElementById(id);
          if (existing.length) {
            if (existing.data("label") !== label) {
              existing.data("label", label);
              existing.toggleClass("empty", n === 0);
            }
          } else {
            add.push({ group: "nodes", data: { id: id, cluster: c.id, label: label, size: Math.max(2 * c.radius, 40),
              font: Math.max(14, c.radius / 3.5) }, position: { x: c.x, y: c.y }, classes: n === 0 ? "cluster empty" : "cluster" });
          }
        });
        Object.keys(wanted).forEach(function (id) {
          if (!cy.getElementById(id).length) { add.push(docElement(wanted[id])); }
        });
        cy.add(add);
        add = [];
        edges.forEach(function (e) {
          if (wanted["d:" + e.source] && wanted["d:" + e.target] && !cy.getElementById(e.key).length) {
            add.push({ group: "edges", data: { id: e.key, source: "d:" + e.source, target: "d:" + e.target, a: e.source,
              b: e.target, relation: e.relation } });
          }
        });
        betweenShown.forEach(function (e) {
          var id = "b:" + e.index;
          if (closed[e.source] && closed[e.target] && !cy.getElementById(id).length) {
            add.push({ group: "edges", data: { id: id, source: "c:" + e.source, target: "c:" + e.target, from: e.source,
              to: e.target, width: 1 + Math.log(e.count) / Math.LN2 }, classes: "between" });
          }
        });
        cy.add(add);
        cy.elements().removeClass("faded near focus");
        if (focused) {
          var near = cy.collection();
          Object.keys(hood).forEach(function (id) { near = near.union(cy.getElementById("d:" + id)); });
          var around = near.union(near.edgesWith(near));
          cy.elements(".doc, edge").not(".between").difference(around).addClass("faded");
          around.addClass("near");
          cy.getElementById("d:" + focused).addClass("focus");
        }
      });
      var drawn = cy.nodes(".doc").length, circles = cy.nodes(".cluster").not(".empty").length;
      status.textContent = (focused ? "Showing " + docs[focused].title + " and " + (Object.keys(hood).length - 1)
        + " neighbours" + (handle.clipped ? " (of " + handle.clipped + ")" : "") + ". " : "")
        + drawn + " documents drawn, " + circles + " closed clusters, " + nodes.length + " documents in all.";
    }

    function frame(points, maxZoom) {
      // cy.fit measures every element and label (a third of a second over 771 clusters): the positions are
      // known, so the viewport is computed from them.
      if (!points.length) { return; }
      var x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
      points.forEach(function (p) {
        x1 = Math.min(x1, p.x - p.r); y1 = Math.min(y1, p.y - p.r);
        x2 = Math.max(x2, p.x + p.r); y2 = Math.max(y2, p.y + p.r);
      });
      var w = canvas.clientWidth || 800, h = canvas.clientHeight || 600, pad = 30;
      var zoom = Math.min((w - 2 * pad) / Math.max(x2 - x1, 1), (h - 2 * pad) / Math.max(y2 - y1, 1), maxZoom || 4);
      zoom = Math.max(zoom, cy.minZoom());
      cy.viewport({ zoom: zoom, pan: { x: w / 2 - zoom * (x1 + x2) / 2, y: h / 2 - zoom * (y1 + y2) / 2 } });
    }

    function docPoints(ids) {
      return ids.map(function (id) { return { x: docs[id].x, y: docs[id].y, r: 40 }; });
    }

    function frameAll() {
      frame(clusters.map(function (c) { return { x: c.x, y: c.y, r: c.radius }; }));
    }

    function openCluster(id) {
      if (!clusterById[id]) { return; }
      openClusters[id] = true;
      sync();
      frame(docPoints(byCluster[id] || []), 2);
    }

    function neighbourhood(id, hops) {
      var found = {}, seen = {}, frontier = [id], kept = 1, total = 0;
      found[id] = seen[id] = true;
      for (var h = 0; h < hops; h++) {
        var next = [];
        frontier.forEach(function (d) {
          adjacency[d].forEach(function (pair) {
            if (!seen[pair[0]]) {
              seen[pair[0]] = true;
              total++;
              if (kept < MAX_NEIGHBOURHOOD) { found[pair[0]] = true; kept++; next.push(pair[0]); }
            }
          });
        });
        frontier = next;
      }
      handle.clipped = total + 1 > kept ? total : 0;
      return found;
    }

    function showPanel(n) {
      panel.textContent = "";
      if (!n) { return; }
      panel.appendChild(el("strong", {}, n.title));
      var facts = [(kinds[n.kind] || {}).title || n.kind, n.id, n.owner && "owner: " + n.owner,
        n.status && "status: " + n.status, n.health && "health: " + n.health].filter(Boolean).join(" · ");
      panel.appendChild(el("span", { "class": "sd-map-facts" }, " " + facts + " "));
      var url = pageUrl(n.url);
      if (url) { panel.appendChild(el("a", { href: url, "class": "sd-map-open" }, "Open its page")); }
    }

    function focus(id) {
      if (!docs[id]) { return Promise.resolve(false); }
      focused = id;
      hood = neighbourhood(id, Number(hopsSelect.value) || 1);
      sync();
      frame(docPoints(Object.keys(hood)), 1.5);
      showPanel(docs[id]);
      return frames().then(function () { return true; });
    }

    function clear() {
      focused = null;
      hood = {};
      openClusters = {};
      showPanel(null);
      sync();
      frameAll();
    }

    function find(query) {
      var q = query.trim().toLowerCase(), out = [];
      if (!q) { return out; }
      for (var i = 0; i < nodes.length && out.length < MAX_RESULTS; i++) {
        if (nodes[i].search.indexOf(q) >= 0 && matches(nodes[i])) { out.push(nodes[i]); }
      }
      return out;
    }

    var timer = null;
    function showResults() {
      results.textContent = "";
      find(search.value).forEach(function (n) {
        var item = el("li", { role: "option" });
        var button = el("button", { type: "button", "data-doc": n.id }, n.title);
        button.appendChild(el("span", { "class": "sd-map-id" }, " " + n.id));
        button.addEventListener("click", function () { results.textContent = ""; focus(n.id); });
        item.appendChild(button);
        results.appendChild(item);
      });
    }
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(showResults, 120); });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        var first = find(search.value)[0];
        if (first) { results.textContent = ""; focus(first.id); }
      }
    });
    [[kindSelect.box, "kind"], [statusSelect.box, "status"], [healthSelect.box, "health"]].forEach(function (pair) {
      pair[0].addEventListener("change", function () { filters[pair[1]] = pair[0].value; sync(); });
    });
    owner.addEventListener("input", function () { filters.owner = owner.value.trim().toLowerCase(); sync(); });
    hopsSelect.addEventListener("change", function () { if (focused) { focus(focused); } });
    reset.addEventListener("click", clear);

    cy.on("tap", "node.cluster", function (event) { openCluster(event.target.data("cluster")); });
    cy.on("tap", "node.doc", function (event) {
      var url = pageUrl((docs[event.target.data("doc")] || {}).url);
      if (url) { window.location.assign(url); }
    });

    sync();
    frameAll();
    handle.drawnAt = performance.now();
    handle.cy = cy;
    handle.focus = focus;
    handle.openCluster = openCluster;
    handle.find = function (q) { return find(q).map(function (n) { return n.id; }); };
    handle.clear = clear;
    handle.state = function () {
      return { documents: nodes.length, drawn: cy.nodes(".doc").length, clusters: cy.nodes(".cluster").length,
        focused: focused, neighbourhood: Object.keys(hood).sort(), visible: cy.nodes(".doc").not(".faded").length };
    };
    frames().then(function () {
      handle.ready = true;
      handle.readyAt = performance.now();
    });
  }

  // The themes put this script at the end of <body>: the map's <div> is there already, so the graph and
  // Cytoscape are fetched at once (asynchronously: the page is never held up), and drawn when both came.
  if (document.getElementById("sd-map")) {
    start();
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);  // Material's instant navigation: each page it shows
  }
})();
