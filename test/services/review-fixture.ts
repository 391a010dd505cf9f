/**
 * Short reports written for the review tests (real towns; the events and figures are invented):
 * one event told twice (Ariha, Saraqib), two bombings of one town a week apart (Azaz), and single
 * reports to confirm, reject and lock.
 */
import type { Article } from '../../src/domain/types.ts';

export const article = (id: string, published: string, text: string): Article => ({ id, text, published, url: null, outlet: `Outlet of ${id}`, title: null, language: 'en' });

export const REVIEW_ARTICLES: Article[] = [
  article('rv-ariha-wire', '2023-03-06', 'At least nine civilians, including three children, were killed on Sunday when Russian warplanes struck a residential street in the town of Ariha in Idlib province, the Syrian Observatory for Human Rights said.'),
  article('rv-ariha-agency', '2023-03-06', "The death toll from Sunday's Russian air strike on the town of Ariha in Idlib province rose to 12 on Monday, local rescuers said."),
  article('rv-azaz-bomb', '2023-04-12', 'Four people were killed and 11 wounded on Tuesday when a car bomb exploded near a crowded market in the town of Azaz in Aleppo province, activists said.'),
  article('rv-azaz-later', '2023-04-20', 'Two people were killed on Wednesday when a motorcycle bomb exploded in the town of Azaz in Aleppo province, activists said.'),
  article('rv-douma-shelling', '2023-05-20', 'Government forces shelled the town of Douma in Rural Damascus on Friday, killing two civilians, a woman and her son, the Syrian Network for Human Rights said.'),
  article('rv-busayrah-clashes', '2023-06-13', 'Six fighters were killed on Monday in clashes between the Syrian Democratic Forces and Islamic State militants near the town of Al-Busayrah in Deir ez-Zor province, the Syrian Observatory for Human Rights said.'),
  article('rv-saraqib-wire', '2023-07-04', 'Five civilians were killed on Monday when government artillery shelled the town of Saraqib in Idlib province, the Syrian Observatory for Human Rights said.'),
  article('rv-saraqib-local', '2023-07-04', 'Government shelling on Saraqib in Idlib province killed five civilians on Monday, local rescuers said.'),
];

