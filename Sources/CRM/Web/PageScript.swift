import Vapor

/// A little same-origin script for pages: served under a name that changes with its content (as the stylesheet is),
/// so browsers keep it for good and still fetch a new version at once.
struct PageScript: Sendable {
    let source: String
    /// Worked out once: every page names the type-ahead script.
    let path: String

    init(name: String, source: String) {
        self.source = source
        path = "/assets/\(name)-\(String(source.hashValueStable, radix: 16)).js"
    }

    func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        return Response(status: .ok, headers: headers, body: .init(string: source))
    }

    /// Every page script, for the asset route.
    static var all: [PageScript] { [BoardScript.script, TypeAheadScript.script] }
}

/// Account names offered while typing: an input with `data-suggest` (a JSON address answering `?q=` with hits that
/// have a `name`) fills the datalist it names with the first matches, a moment after the typing pauses.
enum TypeAheadScript {
    static let script = PageScript(name: "typeahead", source: """
    document.addEventListener('DOMContentLoaded', function () {
      document.querySelectorAll('input[data-suggest]').forEach(function (input) {
        var list = document.getElementById(input.getAttribute('list'));
        var timer = null, asked = '';
        input.addEventListener('input', function () {
          clearTimeout(timer);
          var q = input.value.trim();
          if (!q || q === asked) { return; }
          timer = setTimeout(function () {
            asked = q;
            fetch(input.dataset.suggest + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
              .then(function (answer) { return answer.ok ? answer.json() : []; })
              .then(function (hits) {
                if (input.value.trim() !== q) { return; }
                list.textContent = '';
                hits.forEach(function (hit) {
                  var option = document.createElement('option');
                  option.value = hit.name;
                  if (hit.detail) { option.label = hit.detail; }
                  list.appendChild(option);
                });
              })
              .catch(function () {});
          }, 120);
        });
      });
    });
    """)
}
