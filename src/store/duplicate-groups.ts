/**
 * Duplicate groups: membership lives in `articles.duplicate_group_id`, each group's canonical article (earliest
 * first seen, ties by lower id) and size in `duplicate_groups`. Merges keep the oldest group (lowest id), so a
 * group id, once shown, stays valid for its articles until a merge folds it into an older one.
 */
import type Database from 'better-sqlite3';
import { PipelineError } from '../model.js';

/** Group bookkeeping for the near-duplicate index (caller's transaction). */
export interface GroupStore {
  /**
   * Puts the article in one group together with `groupIds`: the oldest of them (and of its current group) survives
   * and absorbs the others; with no group at all a singleton group is created. Returns the group id.
   */
  join(articleId: number, currentGroupId: number | null, groupIds: ReadonlySet<number>): number;
  /** Takes the article out of its group; an emptied group is deleted, a canonical article that leaves is replaced. */
  leave(articleId: number, groupId: number): void;
}

interface GroupRow {
  id: number;
  canonical_article_id: number;
  first_seen_at: string;
  size: number;
  merged_count: number;
}

interface Member {
  id: number;
  first_seen_at: string;
}

/** True when member a comes before member b: earlier first seen, ties by lower id. */
function earlier(a: Member, b: Member): boolean {
  return a.first_seen_at < b.first_seen_at || (a.first_seen_at === b.first_seen_at && a.id < b.id);
}

/** Prepares the statements of the group bookkeeping once. */
export function createGroupStore(db: Database.Database): GroupStore {
  const sql = {
    group: db.prepare<[number], GroupRow>(
      'SELECT id, canonical_article_id, first_seen_at, size, merged_count FROM duplicate_groups WHERE id = ?',
    ),
    article: db.prepare<[number], Member>('SELECT id, first_seen_at FROM articles WHERE id = ?'),
    insertGroup: db.prepare<[number, string]>('INSERT INTO duplicate_groups (canonical_article_id, first_seen_at, size) VALUES (?, ?, 1)'),
    updateGroup: db.prepare<[number, string, number, number, number]>(
      'UPDATE duplicate_groups SET canonical_article_id = ?, first_seen_at = ?, size = ?, merged_count = ? WHERE id = ?',
    ),
    deleteGroup: db.prepare<[number]>('DELETE FROM duplicate_groups WHERE id = ?'),
    moveMembers: db.prepare<[number, number]>('UPDATE articles SET duplicate_group_id = ? WHERE duplicate_group_id = ?'),
    setGroup: db.prepare<[number | null, number]>('UPDATE articles SET duplicate_group_id = ? WHERE id = ?'),
    earliestMember: db.prepare<[number], Member>(
      'SELECT id, first_seen_at FROM articles WHERE duplicate_group_id = ? ORDER BY first_seen_at, id LIMIT 1',
    ),
  };

  const memberOf = (articleId: number): Member => {
    const member = sql.article.get(articleId);
    if (member === undefined) throw new PipelineError('store', 'article_missing', `cannot group article ${articleId}: no such article`);
    return member;
  };

  const join = (articleId: number, currentGroupId: number | null, groupIds: ReadonlySet<number>): number => {
    const rows: GroupRow[] = [];
    for (const id of new Set([...groupIds, ...(currentGroupId === null ? [] : [currentGroupId])])) {
      const row = sql.group.get(id);
      if (row !== undefined) rows.push(row);
    }
    const member = memberOf(articleId);
    rows.sort((a, b) => a.id - b.id);
    const oldest = rows[0];
    if (oldest === undefined) {
      const id = Number(sql.insertGroup.run(member.id, member.first_seen_at).lastInsertRowid);
      sql.setGroup.run(id, articleId);
      return id;
    }
    const survivor = { ...oldest };
    let canonical: Member = { id: survivor.canonical_article_id, first_seen_at: survivor.first_seen_at };
    for (const row of rows.slice(1)) {
      sql.moveMembers.run(survivor.id, row.id);
      sql.deleteGroup.run(row.id);
      survivor.size += row.size;
      survivor.merged_count += 1 + row.merged_count;
      const other = { id: row.canonical_article_id, first_seen_at: row.first_seen_at };
      if (earlier(other, canonical)) canonical = other;
    }
    const alreadyMember = currentGroupId !== null && rows.some((row) => row.id === currentGroupId);
    if (!alreadyMember) {
      survivor.size += 1;
      if (earlier(member, canonical)) canonical = member;
      sql.setGroup.run(survivor.id, articleId);
    }
    sql.updateGroup.run(canonical.id, canonical.first_seen_at, survivor.size, survivor.merged_count, survivor.id);
    return survivor.id;
  };

  const leave = (articleId: number, groupId: number): void => {
    sql.setGroup.run(null, articleId);
    const row = sql.group.get(groupId);
    if (row === undefined) return;
    if (row.size <= 1) {
      sql.deleteGroup.run(groupId);
      return;
    }
    const canonical = row.canonical_article_id === articleId ? sql.earliestMember.get(groupId) : undefined;
    const next = canonical ?? { id: row.canonical_article_id, first_seen_at: row.first_seen_at };
    sql.updateGroup.run(next.id, next.first_seen_at, row.size - 1, row.merged_count, groupId);
  };

  return { join, leave };
}
