using Microsoft.Playwright;
using Xunit;

namespace Vault.Web.Tests;

/// <summary>
/// Accessibility checks run inside the page on what Chromium actually renders (computed styles, the DOM's labels),
/// reusable on any page: every form control has a label, text has a contrast of at least 4.5:1 (3:1 for large text),
/// status words never rely on colour alone, the keyboard reaches the controls with a visible focus, and nothing scrolls
/// sideways.
/// </summary>
internal static class PageChecks
{
    /// <summary>All of them, with the page's path in each failure message.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var where = new Uri(page.Url).PathAndQuery;
        var unlabelled = await UnlabelledControlsAsync(page);
        Assert.True(unlabelled.Count == 0, $"{where}: form controls without a label: {string.Join("; ", unlabelled)}");
        var contrast = await LowContrastTextAsync(page);
        Assert.True(contrast.Count == 0, $"{where}: text below the contrast minimum: {string.Join("; ", contrast)}");
        var colourOnly = await ColourOnlyStatusesAsync(page);
        Assert.True(colourOnly.Count == 0, $"{where}: statuses without words: {string.Join("; ", colourOnly)}");
        var focus = await TabThroughAsync(page);
        Assert.True(focus.Reached > 0, $"{where}: the keyboard reaches nothing");
        Assert.True(focus.Invisible.Count == 0, $"{where}: focus not visible on: {string.Join("; ", focus.Invisible)}");
    }

    /// <summary>Inputs, selects and text areas that no label, aria-label(ledby) or title names.</summary>
    public static async Task<IReadOnlyList<string>> UnlabelledControlsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("input, select, textarea")]
              .filter(el => el.type !== "hidden")
              .filter(el => {
                const byLabel = el.labels && [...el.labels].some(l => l.textContent.trim().length > 0);
                const byAria = (el.getAttribute("aria-label") || "").trim().length > 0;
                const byIds = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean)
                  .some(id => (document.getElementById(id)?.textContent || "").trim().length > 0);
                const byTitle = (el.getAttribute("title") || "").trim().length > 0;
                return !(byLabel || byAria || byIds || byTitle);
              })
              .map(el => el.outerHTML.slice(0, 120))
            """);

    /// <summary>
    /// Visible elements with their own text whose colour, against the first opaque background behind them (white at
    /// the root), falls below WCAG 2.x AA: 4.5:1, or 3:1 for large text (24px, or 18.66px bold).
    /// </summary>
    public static async Task<IReadOnlyList<string>> LowContrastTextAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => {
              const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
                const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
              const lum = ({ r, g, b }) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
              const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
              const background = el => {
                const layers = [];
                for (let e = el; e; e = e.parentElement) {
                  const c = parse(getComputedStyle(e).backgroundColor);
                  if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
                }
                return layers.reverse().reduce((under, top) => over(top, under), { r: 255, g: 255, b: 255, a: 1 });
              };
              const failures = [];
              for (const el of document.querySelectorAll("body *")) {
                const own = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim().length > 0);
                if (!own || ["SCRIPT", "STYLE", "OPTION"].includes(el.tagName)) continue;
                const s = getComputedStyle(el);
                if (s.visibility === "hidden" || s.display === "none" || el.getClientRects().length === 0) continue;
                if (el.closest(".visually-hidden")) continue;
                const fg = parse(s.color); if (!fg) continue;
                const bg = background(el);
                const text = over(fg, bg);
                const [hi, lo] = [lum(text), lum(bg)].sort((a, b) => b - a);
                const ratio = (hi + 0.05) / (lo + 0.05);
                const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
                const minimum = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                if (ratio < minimum) failures.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}" ${ratio.toFixed(2)}:1`);
              }
              return failures;
            }
            """);

    /// <summary>Status marks (badges, consent states, ok/missing) that are empty: they would say it by colour alone.</summary>
    public static async Task<IReadOnlyList<string>> ColourOnlyStatusesAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll(".badge, .consent, .state-ok, .state-missing, [class*='consent-']")]
              .filter(el => el.textContent.trim().length === 0)
              .map(el => el.outerHTML.slice(0, 120))
            """);

    public sealed record FocusWalk(int Reached, IReadOnlyList<string> Invisible, IReadOnlyList<string> Order);

    /// <summary>
    /// Tabs through the page from the top (at most <paramref name="maxStops"/> stops) and checks that every focused
    /// element shows it: a computed outline or box-shadow (from :focus-visible, or :focus for fields and the player,
    /// whose inner parts take the focus).
    /// </summary>
    public static async Task<FocusWalk> TabThroughAsync(IPage page, int maxStops = 60)
    {
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        await page.Locator("body").FocusAsync();
        var invisible = new List<string>();
        var order = new List<string>();
        string? first = null;
        for (var i = 0; i < maxStops; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var stop = await page.EvaluateAsync<string[]>("""
                () => {
                  const el = document.activeElement;
                  if (!el || el === document.body) return ["", "", "true"];
                  const s = getComputedStyle(el);
                  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
                  const shadow = s.boxShadow && s.boxShadow !== "none";
                  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " + (el.getAttribute("aria-label") || el.textContent || el.name || "").trim().slice(0, 30);
                  if (!el.dataset.tabStop) el.dataset.tabStop = Math.random().toString(36).slice(2);
                  return [el.dataset.tabStop, outline || shadow ? name : `${name} (outline ${s.outlineStyle} ${s.outlineWidth}, box-shadow ${s.boxShadow})`, String(outline || shadow)];
                }
                """);
            if (stop[0].Length == 0 || stop[0] == first)
            {
                break; // back at the start: every stop has been visited
            }

            first ??= stop[0];
            order.Add(stop[1]);
            if (stop[2] != "true")
            {
                invisible.Add(stop[1]);
            }
        }

        return new FocusWalk(order.Count, invisible, order);
    }

    /// <summary>True when the page is wider than the viewport (the user would scroll sideways).</summary>
    public static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth > window.innerWidth");
}
