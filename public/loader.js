// The page's loader, inlined into index.html by Trunk. The site is one page with three
// programs (src/site.rs): the first screen, the trainee's app and the trainer's desk. The
// loader starts the program of the screen in the address, and later whichever program a new
// screen needs; each program then shows itself exactly while the address is one of its screens
// (src/app/programs.rs). public/screens.js, generated from src/site.rs, names the programs.
(function () {
  var loading = {}; // program -> promise of the started program

  function programOf(hash) {
    var screen = hash.replace(/^#\/?/, "").split(/[/?]/)[0];
    return kefuScreens[screen] || "start";
  }

  function start(name, fresh) {
    var bin = kefuPrograms[name];
    // Its own stylesheet, if it has one, asked for together with its program.
    if (kefuStyles[name] && !document.querySelector('link[href="' + kefuStyles[name] + '"]')) {
      var sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = kefuStyles[name];
      document.head.appendChild(sheet);
    }
    var query = fresh ? "?fresh=" + Date.now() : "";
    return import("./" + bin + ".js" + query).then(function (program) {
      return program.default({ module_or_path: "./" + bin + "_bg.wasm" + query });
    });
  }

  function failed() {
    var body = document.querySelector("#boot .boot-body");
    if (body) body.textContent = "考试系统下载失败：请检查网络连接，然后刷新页面。";
  }

  // Loads (downloads, compiles and starts) a program once; it shows itself if the address is
  // one of its screens. A cached copy of one of a program's two files that no longer matches
  // the other (just after the site was updated) fails to start: both are asked for again once.
  // The first screen's program is started by Trunk's script on every page (it has no entry in
  // kefuPrograms): it shows the course's home, or stays hidden on another program's screen.
  function load(name) {
    if (!kefuPrograms[name]) return Promise.resolve();
    if (!loading[name]) {
      loading[name] = start(name, false).catch(function () { return start(name, true); });
      loading[name].catch(function () {
        delete loading[name];
        if (programOf(location.hash) === name) failed();
      });
    }
    return loading[name];
  }

  window.kefu = { load: load };
  load(programOf(location.hash));
  addEventListener("hashchange", function () { load(programOf(location.hash)); });

  // The course's index (and the bank of a start screen) are fetched while the program
  // downloads; src/app/fetch.rs takes these requests instead of asking again.
  var early = (window.kefuEarly = {});
  var ask = function (path) {
    var request = fetch(path, { cache: "no-cache" });
    request.catch(function () {}); // a failure is handled when the program asks again
    early[path] = request;
  };
  ask("exams/index.md");
  var hash = location.hash.replace(/^#\/?/, "");
  if (/^start\/./.test(hash)) {
    try { ask(decodeURIComponent(hash.slice(6))); } catch (e) {}
  }
})();
