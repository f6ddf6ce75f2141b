/**
 * Snowball stemmers per language (the `@orama/stemmers` ports), keyed by ISO 639-1 code.
 *
 * Outlets inflect the same facts differently ("shooting", "shootings", "shot"; German "Schießerei", "Schießereien"):
 * without stemming, a report and its follow-up share fewer terms than they should. A language without a Snowball
 * stemmer keeps its words whole.
 */
import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as finnish } from '@orama/stemmers/finnish';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as greek } from '@orama/stemmers/greek';
import { stemmer as hungarian } from '@orama/stemmers/hungarian';
import { stemmer as indonesian } from '@orama/stemmers/indonesian';
import { stemmer as irish } from '@orama/stemmers/irish';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as lithuanian } from '@orama/stemmers/lithuanian';
import { stemmer as nepali } from '@orama/stemmers/nepali';
import { stemmer as norwegian } from '@orama/stemmers/norwegian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as romanian } from '@orama/stemmers/romanian';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as serbian } from '@orama/stemmers/serbian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import { stemmer as tamil } from '@orama/stemmers/tamil';
import { stemmer as turkish } from '@orama/stemmers/turkish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';

/** A word → stem function. */
export type Stemmer = (word: string) => string;

const STEMMERS: ReadonlyMap<string, Stemmer> = new Map<string, Stemmer>([
  ['ar', arabic],
  ['da', danish],
  ['nl', dutch],
  ['en', english],
  ['fi', finnish],
  ['fr', french],
  ['de', german],
  ['el', greek],
  ['hu', hungarian],
  ['id', indonesian],
  ['ga', irish],
  ['it', italian],
  ['lt', lithuanian],
  ['ne', nepali],
  ['no', norwegian],
  ['nb', norwegian],
  ['pt', portuguese],
  ['ro', romanian],
  ['ru', russian],
  ['sr', serbian],
  ['es', spanish],
  ['sv', swedish],
  ['ta', tamil],
  ['tr', turkish],
  ['uk', ukrainian],
]);

/** The Snowball stemmer of a language (ISO 639-1 primary code), or null when Snowball has none for it. */
export function stemmerFor(lang: string): Stemmer | null {
  return STEMMERS.get(lang) ?? null;
}
