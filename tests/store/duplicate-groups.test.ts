import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/model.js';
import { insertArticle } from '../../src/store/articles.js';
import { createGroupStore } from '../../src/store/duplicate-groups.js';
import { articleInput } from '../helpers/article-input.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

const minute = (n: number) => new Date(Date.UTC(2026, 10, 24, 10, n));

describe('store/duplicate-groups', () => {
  const open = tempDatabasePerTest();
  const setUp = () => {
    const { db } = open();
    const groups = createGroupStore(db);
    /** Inserts an article first seen at minute `n` and returns its id. */
    const article = (key: string, n: number) => insertArticle(db, articleInput(key), `h-${key}`, minute(n));
    const group = (id: number) => db.prepare('SELECT canonical_article_id AS canonical, first_seen_at AS firstSeen, size, merged_count AS merged FROM duplicate_groups WHERE id = ?').get(id);
    const groupOf = (id: number) => db.prepare('SELECT duplicate_group_id FROM articles WHERE id = ?').pluck().get(id);
    const groupCount = () => db.prepare('SELECT count(*) FROM duplicate_groups').pluck().get();
    return { db, groups, article, group, groupOf, groupCount };
  };

  it('an article with no group to join gets a singleton group', () => {
    const { groups, article, group, groupOf } = setUp();
    const a = article('a', 5);
    const g = groups.join(a, null, new Set());
    expect(groupOf(a)).toBe(g);
    expect(group(g)).toEqual({ canonical: a, firstSeen: minute(5).toISOString(), size: 1, merged: 0 });
  });

  it('joining a group grows it; an earlier article (arriving late) becomes its canonical one', () => {
    const { groups, article, group } = setUp();
    const a = article('a', 5);
    const g = groups.join(a, null, new Set());
    const b = article('b', 9);
    expect(groups.join(b, null, new Set([g]))).toBe(g);
    expect(group(g)).toEqual({ canonical: a, firstSeen: minute(5).toISOString(), size: 2, merged: 0 });
    const early = article('early', 1);
    groups.join(early, null, new Set([g]));
    expect(group(g)).toEqual({ canonical: early, firstSeen: minute(1).toISOString(), size: 3, merged: 0 });
  });

  it('an article bridging two groups merges them into the oldest group, which counts the merge', () => {
    const { groups, article, group, groupOf, groupCount } = setUp();
    const a = article('a', 5);
    const b = article('b', 2);
    const ga = groups.join(a, null, new Set());
    const gb = groups.join(b, null, new Set());
    const bridge = article('bridge', 7);
    expect(groups.join(bridge, null, new Set([gb, ga]))).toBe(Math.min(ga, gb));
    expect([a, b, bridge].map(groupOf)).toEqual([ga, ga, ga]);
    expect(group(ga)).toEqual({ canonical: b, firstSeen: minute(2).toISOString(), size: 3, merged: 1 });
    expect(groupCount()).toBe(1);
  });

  it('rejoining its own group does not count the article twice; a missing group id is ignored', () => {
    const { groups, article, group } = setUp();
    const a = article('a', 5);
    const g = groups.join(a, null, new Set());
    expect(groups.join(a, g, new Set([g, 999]))).toBe(g);
    expect(group(g)).toMatchObject({ size: 1, merged: 0 });
  });

  it('leaving: the canonical article is replaced by the earliest left (ties by id), an emptied group is deleted', () => {
    const { groups, article, group, groupOf, groupCount } = setUp();
    const a = article('a', 1);
    const g = groups.join(a, null, new Set());
    const b = article('b', 3);
    const c = article('c', 3);
    groups.join(b, null, new Set([g]));
    groups.join(c, null, new Set([g]));
    groups.leave(a, g);
    expect(groupOf(a)).toBeNull();
    expect(group(g)).toEqual({ canonical: b, firstSeen: minute(3).toISOString(), size: 2, merged: 0 });
    groups.leave(c, g);
    expect(group(g)).toEqual({ canonical: b, firstSeen: minute(3).toISOString(), size: 1, merged: 0 });
    groups.leave(b, g);
    expect(groupCount()).toBe(0);
    expect(() => groups.leave(b, g)).not.toThrow();
  });

  it('refuses to group an article that is not stored', () => {
    const { groups } = setUp();
    expect(() => groups.join(42, null, new Set())).toThrow(PipelineError);
    expect(() => groups.join(42, null, new Set())).toThrow(/cannot group article 42: no such article/);
  });
});
