import { describe, expect, it } from 'vitest';
import { freePort, portSlice } from '../../local/ports.js';

describe('free ports for stacks that run side by side', () => {
  it('never hands out the same port twice, though nothing has bound the first yet', async () => {
    // Arrange: one worker's slice of 1,500 ports; 300 draws from it would repeat a port almost surely if probing alone decided.
    const env = { VITEST_POOL_ID: '3' };

    // Act
    const ports: number[] = [];
    for (let i = 0; i < 300; i++) ports.push(await freePort(env));

    // Assert
    expect(new Set(ports).size).toBe(ports.length);
  });

  it("gives parallel test workers disjoint slices below the ephemeral range", () => {
    // Arrange
    const slices = [1, 2, 3, 4, 5, 6, 7, 8].map((pool) => portSlice({ VITEST_POOL_ID: String(pool) }));

    // Act
    const overlaps = slices.flatMap((a, i) => slices.slice(i + 1).filter((b) => a.from < b.from + b.size && b.from < a.from + a.size));

    // Assert
    expect(overlaps).toEqual([]);
    for (const s of slices) expect(s.from + s.size).toBeLessThanOrEqual(32768);
    expect(portSlice({})).toEqual({ from: 20000, size: 12000 });
  });

  it("draws a worker's ports from its own slice", async () => {
    // Arrange
    const env = { VITEST_POOL_ID: '2' };
    const { from, size } = portSlice(env);

    // Act
    const port = await freePort(env);

    // Assert
    expect(port).toBeGreaterThanOrEqual(from);
    expect(port).toBeLessThan(from + size);
  });
});
