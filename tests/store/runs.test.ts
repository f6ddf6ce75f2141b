import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/model.js';
import { finishRun, lastSuccessfulRun, startRun } from '../../src/store/runs.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

const SUMMARY: RunSummary = {
  feedsFetched: 3, feedsNotModified: 1, feedsFailed: 1, feedsSkipped: 2, articlesNew: 7, articlesUpdated: 1, duplicates: 2, clustersTouched: 4, seconds: 1.5,
};
const at = (hour: number) => new Date(Date.UTC(2026, 10, 24, hour));

describe('store/runs', () => {
  const open = tempDatabasePerTest();

  it('no run yet: no last successful run', () => {
    expect(lastSuccessfulRun(open().db)).toBeNull();
  });

  it('starts a run as running and finishes it with its summary and status', () => {
    const { db } = open();
    const id = startRun(db, at(10));
    expect(db.prepare('SELECT status, started_at, finished_at FROM runs WHERE id = ?').get(id)).toEqual({ status: 'running', started_at: at(10).toISOString(), finished_at: null });
    expect(lastSuccessfulRun(db)).toBeNull();
    finishRun(db, id, SUMMARY, 'completed', at(11));
    expect(db.prepare('SELECT * FROM runs WHERE id = ?').get(id)).toEqual({
      id, started_at: at(10).toISOString(), finished_at: at(11).toISOString(), status: 'completed', feeds_fetched: 3, feeds_not_modified: 1, feeds_failed: 1,
      feeds_skipped: 2, articles_new: 7, articles_updated: 1, duplicates: 2, clusters_touched: 4, seconds: 1.5,
    });
  });

  it('the last successful run is the latest completed one; interrupted and still-running runs do not count', () => {
    const { db } = open();
    finishRun(db, startRun(db, at(1)), SUMMARY, 'completed', at(2));
    finishRun(db, startRun(db, at(5)), SUMMARY, 'completed', at(6));
    finishRun(db, startRun(db, at(7)), SUMMARY, 'interrupted', at(8));
    startRun(db, at(9));
    expect(lastSuccessfulRun(db)).toEqual(at(6));
  });
});
