/**
 * MergeCandidates (src/pipeline/extract/passes/merge-candidates.ts) must offer every group a frame
 * may join, or mergeFrames would merge differently from a scan of every group. Checked here for
 * what its indexes could miss: localities within SAME_LOCALITY_KM of each other anywhere on Earth
 * (grid cells, the date line, high latitudes), names equal up to transliteration, a shared
 * gazetteer id, a shared killed total, the sentences just before, and headlines.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MergeCandidates } from '../../src/pipeline/extract/passes/merge-candidates.ts';
import { SAME_LOCALITY_KM } from '../../src/pipeline/extract/passes/frame-relations.ts';
import { distanceKm } from '../../src/domain/geo.ts';
import type { ClassifiedFrame, FrameGroup } from '../../src/pipeline/extract/passes/extraction-state.ts';
import type { CountSet, ResolvedPlace } from '../../src/domain/types.ts';

interface Shape {
  sentence: number;
  headline?: boolean;
  killed?: number;
  localities?: Partial<ResolvedPlace>[];
}

const place = (p: Partial<ResolvedPlace>): ResolvedPlace => ({ name: 'Nowhere', gazetteerId: null, precision: 'locality', lat: null, lon: null, ...p }) as ResolvedPlace;
const counts = (killed?: number): CountSet => (killed === undefined ? {} : ({ total: { value: killed } } as CountSet));
/** The fields MergeCandidates reads, as a group or a frame. */
function shaped(s: Shape): FrameGroup & ClassifiedFrame {
  return { frame: { sentence: s.sentence, headline: s.headline ?? false, killed: counts(s.killed) }, localities: (s.localities ?? []).map(place) } as unknown as FrameGroup & ClassifiedFrame;
}

/** Candidates for `frame` after opening `groups` in order. */
function candidates(groups: Shape[], frame: Shape): number[] {
  const index = new MergeCandidates();
  groups.forEach((g, k) => index.note(k, shaped(g)));
  return index.candidatesFor(shaped(frame));
}

/** The point `km` away from (lat, lon) on a bearing, on the haversine sphere. */
function moved(lat: number, lon: number, km: number, bearingDeg: number): { lat: number; lon: number } {
  const r = Math.PI / 180;
  const d = km / 6371.0088;
  const b = bearingDeg * r;
  const la = lat * r;
  const lat2 = Math.asin(Math.sin(la) * Math.cos(d) + Math.cos(la) * Math.sin(d) * Math.cos(b));
  const lon2 = lon * r + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(la), Math.cos(d) - Math.sin(la) * Math.sin(lat2));
  return { lat: lat2 / r, lon: ((((lon2 / r + 180) % 360) + 360) % 360) - 180 };
}

describe('MergeCandidates', () => {
  test('every group with a locality within SAME_LOCALITY_KM is a candidate, anywhere on Earth', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89.9, max: 89.9, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: 0, max: SAME_LOCALITY_KM, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        (lat, lon, km, bearing) => {
          const there = moved(lat, lon, km, bearing);
          fc.pre(distanceKm({ lat, lon }, there) <= SAME_LOCALITY_KM);
          const got = candidates(
            [{ sentence: 0, killed: 3, localities: [{ name: 'Kafr Tala', lat, lon }] }, { sentence: 1, killed: 9 }],
            { sentence: 40, killed: 5, localities: [{ name: 'Tell Sabha', lat: there.lat, lon: there.lon }] },
          );
          return got.includes(0);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('across the date line', () => {
    assert.ok(candidates([{ sentence: 0, localities: [{ name: 'Taveuni', lat: -16.8, lon: 179.99 }] }], { sentence: 50, localities: [{ name: 'Other', lat: -16.8, lon: -179.99 }] }).includes(0));
  });

  const rows: [string, Shape[], Shape, number[]][] = [
    ['a far group of another total, name and place is not one', [{ sentence: 0, killed: 3, localities: [{ name: 'Saraqib', lat: 35.86, lon: 36.8 }] }], { sentence: 30, killed: 4, localities: [{ name: 'Azaz', lat: 36.58, lon: 37.05 }] }, []],
    ['the same killed total', [{ sentence: 0, killed: 4 }, { sentence: 1, killed: 3 }], { sentence: 30, killed: 4 }, [0]],
    ['a name equal up to transliteration', [{ sentence: 0, localities: [{ name: 'Saraqib' }] }], { sentence: 30, localities: [{ name: 'Saraqeb' }] }, [0]],
    ['a shared gazetteer id', [{ sentence: 0, localities: [{ name: 'A', gazetteerId: 'geonames:163270' }] }], { sentence: 30, localities: [{ name: 'B', gazetteerId: 'geonames:163270' }] }, [0]],
    ['groups opened in the two sentences before, highest first', [{ sentence: 0 }, { sentence: 7 }, { sentence: 8 }, { sentence: 9 }], { sentence: 9 }, [3, 2, 1]],
    ['a headline group', [{ sentence: 0, headline: true }, { sentence: 3 }], { sentence: 30 }, [0]],
    ['every group for a headline frame', [{ sentence: 0 }, { sentence: 3 }], { sentence: 0, headline: true }, [1, 0]],
  ];
  for (const [name, groups, frame, want] of rows) test(name, () => assert.deepEqual(candidates(groups, frame), want));

  test('a group changed by absorbing a frame is found by what it gained', () => {
    const index = new MergeCandidates();
    index.note(0, shaped({ sentence: 0 }));
    assert.deepEqual(index.candidatesFor(shaped({ sentence: 20, killed: 6 })), []);
    index.note(0, shaped({ sentence: 0, killed: 6, localities: [{ name: 'Binnish' }] }));
    assert.deepEqual(index.candidatesFor(shaped({ sentence: 20, killed: 6 })), [0]);
    assert.deepEqual(index.candidatesFor(shaped({ sentence: 20, localities: [{ name: 'Binnish' }] })), [0]);
  });
});
