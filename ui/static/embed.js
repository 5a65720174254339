// 决算问答 widget: plain DOM, no framework. Every string from the user or the report is inserted with
// textContent / createTextNode, never innerHTML, so markup in a question or a quote stays text.
(function () {
  "use strict";
  var MAX_TURNS = 6;
  var body = document.body;
  var maxChars = parseInt(body.dataset.maxChars, 10) || 500;
  var log = document.getElementById("log");
  var form = document.getElementById("ask");
  var input = document.getElementById("question");
  var send = document.getElementById("send");
  var count = document.getElementById("count");
  var history = [];
  var busy = false;

  input.maxLength = maxChars;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function updateCount() { count.textContent = input.value.length + " / " + maxChars; }

  // The answer text with [n] markers as superscripts and unverified numbers highlighted, all as text nodes.
  function answerText(container, text, unverified) {
    var parts = [];
    unverified.forEach(function (n) { if (n) parts.push(n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")); });
    parts.sort(function (a, b) { return b.length - a.length; });
    var pattern = new RegExp("\\[(\\d+)\\]" + (parts.length ? "|" + parts.join("|") : ""), "g");
    var pos = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > pos) container.appendChild(document.createTextNode(text.slice(pos, match.index)));
      if (match[1] !== undefined) {
        container.appendChild(el("span", "cite-mark", "[" + match[1] + "]"));
      } else {
        var mark = el("mark", "unverified", match[0] + "⚠");
        mark.title = "未核验：报告原文和计算中都找不到这个数";
        container.appendChild(mark);
      }
      pos = match.index + match[0].length;
      if (match[0].length === 0) pattern.lastIndex++;
    }
    if (pos < text.length) container.appendChild(document.createTextNode(text.slice(pos)));
  }

  function sourcesBlock(citations) {
    var details = el("details", "sources");
    details.open = true;
    details.appendChild(el("summary", null, "来源 (" + citations.length + ")"));
    var list = el("ol");
    citations.forEach(function (c) {
      var item = el("li");
      item.value = c.n;
      item.appendChild(el("span", "src-head", c.heading));
      if (c.page) item.appendChild(el("span", "src-page", "第 " + c.page + " 页"));
      item.appendChild(el("blockquote", null, c.quote));
      list.appendChild(item);
    });
    details.appendChild(list);
    return details;
  }

  function checksBlock(data) {
    var numbers = data.numbers || [], checks = data.checks || [];
    var bad = numbers.filter(function (n) { return !n.verified; }).length;
    var failed = checks.filter(function (c) { return !c.ok; }).length;
    var details = el("details", "checks");
    details.appendChild(el("summary", bad || failed ? "bad" : "ok",
      bad || failed ? "数字核验：" + bad + " 个数字未核验，" + failed + " 项计算不成立"
                    : "数字核验：" + numbers.length + " 个数字均已核验"));
    var list = el("ul");
    checks.forEach(function (c) {
      list.appendChild(el("li", c.ok ? "ok" : "bad", c.expression + " = " + c.result + (c.ok ? "  ✓ 成立" : "  ✗ 不成立")));
    });
    numbers.forEach(function (n) {
      list.appendChild(el("li", n.verified ? "ok" : "bad", n.text + (n.verified ? "  ✓ 已核验" : "  ⚠ 未核验")));
    });
    details.appendChild(list);
    return details;
  }

  function showAnswer(data) {
    var box = el("div", "msg bot");
    var unverified = (data.numbers || []).filter(function (n) { return !n.verified; }).map(function (n) { return n.text; });
    answerText(box, data.answer || "", unverified);
    if (data.citations && data.citations.length) box.appendChild(sourcesBlock(data.citations));
    if ((data.numbers && data.numbers.length) || (data.checks && data.checks.length)) box.appendChild(checksBlock(data));
    log.appendChild(box);
    scrollDown();
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
    log.appendChild(el("div", "msg user", question));
    var pending = el("div", "msg bot pending", "正在查阅报告…");
    log.appendChild(pending);
    scrollDown();
    setBusy(true);
    var payload = JSON.stringify({ question: question, history: history.slice(-MAX_TURNS) });
    fetch(new URL("api/ask", document.baseURI).href, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: payload,
      credentials: "omit"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        pending.remove();
        if (!response.ok) {
          var detail = typeof data.detail === "string" ? data.detail : "抱歉，暂时无法回答，请稍后再试。";
          showError(detail);
          return;
        }
        showAnswer(data);
        if (data.status === "answered") {
          history.push({ role: "user", content: question }, { role: "assistant", content: data.answer || "" });
        }
      });
    }).catch(function () {
      pending.remove();
      showError("网络连接失败，请稍后再试。");
    }).then(function () { setBusy(false); input.focus(); });
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

  var examples = [];
  try { examples = JSON.parse(body.dataset.examples || "[]"); } catch (e) { examples = []; }
  var exampleBox = document.getElementById("examples");
  examples.forEach(function (q) {
    var button = el("button", null, q);
    button.type = "button";
    button.addEventListener("click", function () { ask(q); });
    exampleBox.appendChild(button);
  });
  updateCount();
})();
