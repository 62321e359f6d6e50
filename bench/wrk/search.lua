-- Rotates among 40 search words (all from Catalogue.WORDS, so each finds a few hundred plugins of a
-- full catalogue) and 5 pages: 200 different URLs, so a server cannot answer from one cached URL.
local words = {
  "monitor", "backup", "database", "markdown", "docker", "weather", "password", "chart", "sync", "proxy",
  "calendar", "translate", "crawler", "podcast", "resize", "encrypt", "webhook", "scheduler", "kubernetes", "lint",
  "profiler", "battery", "camera", "clipboard", "terminal", "python", "yaml", "invoice", "stocks", "maps",
  "metrics", "firewall", "schema", "timeline", "editor", "grammar", "feed", "archive", "oauth", "queue" }
local pages = 5
local n = 0

request = function()
  n = n + 1
  local word = words[(n % #words) + 1]
  local page = (math.floor(n / #words) % pages) + 1
  return wrk.format("GET", "/api/v1/plugins?search=" .. word .. "&limit=20&page=" .. page)
end
