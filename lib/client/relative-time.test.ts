import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time";

const now = new Date("2026-02-22T12:00:00Z");
const before = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("relativeTime", () => {
  it("words the distance from now the way a timeline reads", () => {
    expect(relativeTime(before(10), now)).toBe("just now");
    expect(relativeTime(before(50), now)).toBe("1 minute ago");
    expect(relativeTime(before(5 * 60), now)).toBe("5 minutes ago");
    expect(relativeTime(before(3 * 3600), now)).toBe("3 hours ago");
    expect(relativeTime(before(26 * 3600), now)).toBe("yesterday");
    expect(relativeTime(before(3 * 24 * 3600), now)).toBe("3 days ago");
    expect(relativeTime(before(400 * 24 * 3600), now)).toBe("last year");
    expect(relativeTime(before(10).toISOString(), now)).toBe("just now");
  });
});
