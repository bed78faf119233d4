import { expect, test } from "@playwright/test";

// public/: the icons browsers and phones ask for, and a robots.txt that keeps every page of a
// secrets manager out of search engines. Served without a session.

test("robots.txt disallows everything; the favicon, app icons and manifest are served", async ({ request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/);
  for (const [path, type] of [["/favicon.ico", "image/"], ["/icon.svg", "image/svg+xml"], ["/apple-touch-icon.png", "image/png"], ["/icon-192.png", "image/png"], ["/icon-512.png", "image/png"]]) {
    const response = await request.get(path!);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain(type);
    expect((await response.body()).length, path).toBeGreaterThan(100);
  }
  const manifest = await request.get("/site.webmanifest");
  expect(manifest.status()).toBe(200);
  expect(JSON.parse(await manifest.text()).icons.map((icon: { src: string }) => icon.src)).toContain("/icon-512.png");
  // Pages link them, and tell crawlers not to index.
  const login = await (await request.get("/login")).text();
  expect(login).toContain('rel="icon" href="/favicon.ico"');
  expect(login).toContain('rel="apple-touch-icon" href="/apple-touch-icon.png"');
  expect(login).toMatch(/<meta name="robots" content="noindex, nofollow"/);
});
