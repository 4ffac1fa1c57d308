/*! Koers embed.js: shows Koers pages inside another website, always as high as their
 * content. Paste on the host page:
 *
 *   <div data-koers-embed="https://koers.example.be/herentals/missie"></div>
 *   <script src="https://koers.example.be/embed.js" defer></script>
 *
 * Optional on the div: data-koers-theme="#rrggbb" (an accent colour with at least 4.5:1
 * contrast with white; Koers ignores any other value).
 *
 * Every such element gets an <iframe> of that page in embed mode. The page inside
 * reports its height (and title) with postMessage; this script accepts a message only
 * from the origin of that page, only from the very frame it created (event.source),
 * and only with that frame's id. Dependency-free; runs once however often it is
 * included. Elements added later: call window.KoersEmbed.scan().
 */
(function () {
  'use strict';

  if (window.KoersEmbed) {
    window.KoersEmbed.scan();
    return;
  }

  var frames = new Map(); // id -> { iframe, origin }
  var count = 0;

  function mount(element) {
    if (element.hasAttribute('data-koers-embedded')) return;
    var url;
    try {
      url = new URL(element.getAttribute('data-koers-embed'), document.baseURI);
    } catch (e) {
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return;
    element.setAttribute('data-koers-embedded', '');

    do { count += 1; } while (document.getElementById('koers-embed-' + count));
    var id = 'koers-embed-' + count;
    url.searchParams.set('embed', '1');
    url.searchParams.set('id', id);
    // Where the page inside sends its height: this page, and no one else.
    url.searchParams.set('host', window.location.origin);
    var theme = element.getAttribute('data-koers-theme');
    if (theme) url.searchParams.set('theme', theme.trim());

    var iframe = document.createElement('iframe');
    iframe.id = id;
    iframe.src = url.href;
    iframe.title = 'Koers: ' + (element.getAttribute('data-koers-title') || 'pagina van het lokaal bestuur');
    iframe.loading = 'lazy';
    // CSSOM, not a style attribute: works under a strict Content-Security-Policy.
    iframe.style.display = 'block';
    iframe.style.width = '100%';
    iframe.style.border = '0';
    iframe.style.height = '400px'; // until the page inside reports its height
    frames.set(id, { iframe: iframe, origin: url.origin });
    // What the element held (oEmbed's plain frame, for sites that strip scripts) gives
    // way to the frame that follows its content's height.
    element.replaceChildren(iframe);
  }

  function scan() {
    var elements = document.querySelectorAll('[data-koers-embed]');
    for (var i = 0; i < elements.length; i++) mount(elements[i]);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'koers:height') return;
    if (typeof data.id !== 'string' || !frames.has(data.id)) return;
    var frame = frames.get(data.id);
    if (event.origin !== frame.origin || event.source !== frame.iframe.contentWindow) return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0 || height > 100000) return;
    frame.iframe.style.height = Math.ceil(height) + 'px';
    if (typeof data.title === 'string' && data.title.trim()) {
      frame.iframe.title = 'Koers: ' + data.title.trim().slice(0, 200);
    }
  });

  window.KoersEmbed = { scan: scan };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', scan);
  } else {
    scan();
  }
})();
