// 决算问答 widget: plain DOM, no framework. Every string from the user or the report is inserted with
// textContent / createTextNode, never innerHTML, so markup in a question or a quote stays text.
// The server sends each answer with its view (POST api/widget/ask): markers in order of first use, the
// sources, the number check in words, notes about the report itself, suggested questions and the clean text
// to copy; this script only lays them out.
(function () {
  "use strict";
  var MAX_TURNS = 6;
  var body = document.body;
  var maxChars = parseInt(body.dataset.maxChars, 10) || 500;
  var pinned = body.dataset.body || "";  // /embed?body=…: this widget answers from that body's reports only
  var log = document.getElementById("log");
  var welcome = document.getElementById("welcome");
  var form = document.getElementById("ask");
  var input = document.getElementById("question");
  var send = document.getElementById("send");
  var count = document.getElementById("count");
  var history = [];
  var busy = false;
  var turnNo = 0;

  input.maxLength = maxChars;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(className, text, onClick) {
    var node = el("button", className, text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function api(path) { return new URL(path, document.baseURI).href; }

  function post(path, payload) {
    return fetch(api(path), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
      credentials: "omit"
    });
  }

  // Keep the question in view: put its top at the top of the log, unless the log is short enough anyway.
  function showFrom(node) { log.scrollTop = Math.max(0, node.offsetTop - 8); }
  function scrollDown() { log.scrollTop = log.scrollHeight; }
  function updateCount() { count.textContent = input.value.length + " / " + maxChars; }

  function copyText(text, control) {
    function done() {
      control.textContent = "已复制";
      setTimeout(function () { control.textContent = "复制"; }, 1500);
    }
    function fallback() {
      var area = el("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      document.body.appendChild(area);
      area.select();
      try { if (document.execCommand("copy")) done(); } finally { area.remove(); }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  // The answer text: [n] markers become links to their source in the list below; unverified figures marked.
  function answerText(container, text, unverified, openSource) {
    var parts = [];
    unverified.forEach(function (n) { if (n) parts.push(n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")); });
    parts.sort(function (a, b) { return b.length - a.length; });
    var pattern = new RegExp("\\[(\\d+)\\]" + (parts.length ? "|" + parts.join("|") : ""), "g");
    var pos = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > pos) container.appendChild(document.createTextNode(text.slice(pos, match.index)));
      if (match[1] !== undefined) {
        var n = parseInt(match[1], 10);
        var mark = el("a", "cite-mark", "[" + n + "]");
        mark.href = "#";
        mark.title = "查看来源 " + n;
        mark.addEventListener("click", (function (k) {
          return function (event) { event.preventDefault(); openSource(k); };
        })(n));
        container.appendChild(mark);
      } else {
        var flag = el("mark", "unverified", match[0] + "⚠");
        flag.title = "未核验：报告原文和计算中都找不到这个数";
        container.appendChild(flag);
      }
      pos = match.index + match[0].length;
      if (match[0].length === 0) pattern.lastIndex++;
    }
    if (pos < text.length) container.appendChild(document.createTextNode(text.slice(pos)));
  }

  function sourcesBlock(sources, prefix) {
    var details = el("details", "sources");
    details.open = sources.length <= 3;
    details.appendChild(el("summary", null, "来源（" + sources.length + "）"));
    var list = el("ol");
    sources.forEach(function (s) {
      var item = el("li");
      item.id = prefix + "-src-" + s.n;
      item.value = s.n;
      var head = el("div", "src-head");
      head.appendChild(el("span", "src-path", (s.path || []).join(" › ")));
      if (s.page) head.appendChild(el("span", "src-page", "第 " + s.page + " 页"));
      item.appendChild(head);
      item.appendChild(el("blockquote", null, s.quote));
      list.appendChild(item);
    });
    details.appendChild(list);
    return details;
  }

  function checksBlock(view) {
    var details = el("details", "checks");
    var ok = view.numbers_ok;
    details.appendChild(el("summary", ok ? "ok" : "bad", view.number_summary || "数字核验：计算过程"));
    var list = el("ul");
    (view.formulas || []).forEach(function (f) { list.appendChild(el("li", null, f)); });
    (view.unverified || []).forEach(function (n) {
      list.appendChild(el("li", "bad", n + "  ⚠ 报告原文和计算中都找不到这个数"));
    });
    if (!list.children.length) list.appendChild(el("li", null, "回答中的数字与所引原文逐一对照一致。"));
    details.appendChild(list);
    return details;
  }

  function feedbackBar(box, entryId, plain) {
    var bar = el("div", "tools");
    bar.appendChild(button("tool", "复制", function () { copyText(plain, this); }));
    if (!entryId) return bar;
    var status = el("span", "tool-status");
    var up = voteButton("up", "有帮助", vote);
    var down = voteButton("down", "没帮助", vote);
    up.setAttribute("aria-pressed", "false");
    down.setAttribute("aria-pressed", "false");
    var commentBox = null;
    function vote(rating) {
      post("api/feedback", { id: entryId, rating: rating }).then(function (r) {
        if (!r.ok) { status.textContent = "反馈没有保存成功，请稍后再试。"; return; }
        up.setAttribute("aria-pressed", String(rating === "up"));
        down.setAttribute("aria-pressed", String(rating === "down"));
        status.textContent = rating === "up" ? "谢谢！" : "已记录。";
        if (rating === "down" && !commentBox) {
          commentBox = commentForm(entryId, status);
          box.appendChild(commentBox);
        }
      }).catch(function () { status.textContent = "网络连接失败，反馈没有保存。"; });
    }
    bar.appendChild(up);
    bar.appendChild(down);
    bar.appendChild(status);
    return bar;
  }

  // 👍 / 👎 as small pictures (an emoji font is not on every computer), with their words beside them.
  function voteButton(rating, label, vote) {
    var node = button("tool vote", null, function () { vote(rating); });
    var icon = el("img", "icon");
    icon.src = "embed/static/thumb-" + rating + ".svg";
    icon.alt = "";
    node.appendChild(icon);
    node.appendChild(document.createTextNode(" " + label));
    node.dataset.rating = rating;
    return node;
  }

  function commentForm(entryId, status) {
    var wrap = el("div", "comment");
    var label = el("label", null, "哪里不对？可以补充说明（可选）");
    var area = el("textarea");
    area.rows = 2;
    area.maxLength = 500;
    label.appendChild(area);
    wrap.appendChild(label);
    wrap.appendChild(button("tool", "提交说明", function () {
      var text = area.value.trim();
      if (!text) return;
      post("api/feedback", { id: entryId, rating: "down", comment: text }).then(function (r) {
        if (r.ok) { wrap.remove(); status.textContent = "已收到补充说明，谢谢！"; }
      });
    }));
    return wrap;
  }

  function suggestionsBlock(questions, label) {
    var box = el("div", "suggest");
    box.appendChild(el("span", "suggest-label", label || "接着问："));
    questions.forEach(function (q) { box.appendChild(button("chip", q, function () { ask(q); })); });
    return box;
  }

  function showAnswer(data, userNode) {
    var view = data.view || {};
    var prefix = "t" + (++turnNo);
    var box = el("div", "msg bot");
    var text = el("div", "answer");
    var sources = null;
    function openSource(n) {
      if (!sources) return;
      sources.open = true;
      var item = document.getElementById(prefix + "-src-" + n);
      if (!item) return;
      item.classList.add("hit");
      setTimeout(function () { item.classList.remove("hit"); }, 1600);
      log.scrollTop = Math.max(0, item.offsetTop - 40);
    }
    answerText(text, view.text || "", view.unverified || [], openSource);
    box.appendChild(text);
    (view.notes || []).forEach(function (note) {
      var p = el("p", "note");
      answerText(p, "ℹ " + note, [], openSource);
      box.appendChild(p);
    });
    if (view.sources && view.sources.length) {
      sources = sourcesBlock(view.sources, prefix);
      box.appendChild(sources);
    }
    if (view.number_summary || (view.formulas && view.formulas.length)) box.appendChild(checksBlock(view));
    box.appendChild(feedbackBar(box, data.id, view.plain || view.text || ""));
    log.appendChild(box);
    if (view.suggestions && view.suggestions.length) {
      // A clarifying answer asks back: its suggestions are the questions to choose from.
      log.appendChild(suggestionsBlock(view.suggestions, view.status === "clarify" ? "您可以这样问：" : ""));
    }
    showFrom(userNode);
  }

  function showError(text) {
    log.appendChild(el("div", "msg error", text));
    scrollDown();
  }

  function setBusy(value) {
    busy = value;
    send.disabled = value;
  }

  function ask(question) {
    question = question.trim();
    if (!question || busy) return;
    if (question.length > maxChars) { showError("问题太长了：最多 " + maxChars + " 个字。"); return; }
    var userNode = el("div", "msg user", question);
    log.appendChild(userNode);
    var pending = el("div", "msg bot pending", "正在查阅报告…");
    log.appendChild(pending);
    scrollDown();
    setBusy(true);
    var payload = { question: question, history: history.slice(-MAX_TURNS) };
    if (pinned) payload.body = pinned;
    post("api/widget/ask", payload).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        pending.remove();
        if (!response.ok) {
          showError(typeof data.detail === "string" ? data.detail : "抱歉，暂时无法回答，请稍后再试。");
          return;
        }
        showAnswer(data, userNode);
        var answer = data.answer || {};
        if (answer.status === "answered") {
          history.push({ role: "user", content: question }, { role: "assistant", content: answer.answer || "" });
        }
      });
    }).catch(function () {
      pending.remove();
      showError("网络连接失败，请稍后再试。");
    }).then(function () { setBusy(false); input.focus({ preventScroll: true }); });
  }

  function newChat() {
    if (busy) return;
    history = [];
    while (log.lastChild) log.removeChild(log.lastChild);
    log.appendChild(welcome);
    log.scrollTop = 0;
    input.value = "";
    updateCount();
    input.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value;
    input.value = "";
    updateCount();
    ask(question);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", updateCount);
  document.getElementById("new-chat").addEventListener("click", newChat);

  var examples = [];
  try { examples = JSON.parse(body.dataset.examples || "[]"); } catch (e) { examples = []; }
  var exampleBox = document.getElementById("examples");
  examples.forEach(function (q) { exampleBox.appendChild(button(null, q, function () { ask(q); })); });
  updateCount();
})();
