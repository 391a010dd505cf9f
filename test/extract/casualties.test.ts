/**
 * Table-driven tests for the casualty rules (src/pipeline/extract/casualties.ts): sentences written
 * for these tests in the styles of wire copy (AP, AFP, Reuters, Anadolu), monitors' reports (SOHR,
 * SNHR) and machine-translated French/Arabic, each with the killed and injured counts by category
 * that the annotation guide asks a coder to read from it. Rows the rules do not yet get right are
 * kept and marked `todo` with what goes wrong, so they are reported without failing the run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { countsFromAnchors, findCasualtyAnchors, type CountAnchor } from '../../src/pipeline/extract/casualties.ts';
import type { CountCategory, CountSet, Qualifier } from '../../src/domain/types.ts';

type Counts = Partial<Record<CountCategory, number>>;

interface Row {
  style: string;
  text: string;
  killed: Counts;
  injured: Counts;
  /** Why the current rules get this row wrong (reported as todo). */
  todo?: string;
}

function values(set: CountSet): Counts {
  const out: Counts = {};
  for (const [category, v] of Object.entries(set)) out[category as CountCategory] = v.value;
  return out;
}

/** Killed and injured by category, as the frame builder computes them for one statement. */
function countsOf(text: string): { killed: Counts; injured: Counts } {
  const anchors = findCasualtyAnchors(text, 0);
  return { killed: values(countsFromAnchors(anchors, 'killed', text)), injured: values(countsFromAnchors(anchors, 'injured', text)) };
}

const describeAnchors = (anchors: CountAnchor[]) => anchors.map((a) => `${a.outcome}/${a.category}=${a.quantity.value} ${a.rule} "${a.text}"`);

// Totals: when a sentence gives no total, the total is the sum of the disjoint parts it states
// (civilians + fighters), and children/women stated alone are civilians (annotation guide).
const ROWS: Row[] = [
  // --- number forms
  { style: 'AFP', text: 'At least six civilians were killed in the raid on Kafr Nabl.', killed: { civilians: 6, total: 6 }, injured: {} },
  { style: 'Reuters', text: 'Seven people were killed and 20 others wounded in the strike, residents said.', killed: { total: 7 }, injured: { total: 20 } },
  { style: 'AP', text: 'Forty-two people have been wounded since the shelling began.', killed: {}, injured: { total: 42 } },
  { style: 'AFP', text: 'A dozen civilians were wounded in the shelling of Ariha.', killed: {}, injured: { civilians: 12, total: 12 } },
  { style: 'AFP', text: 'Dozens of people were wounded in the blast.', killed: {}, injured: { total: 24 } },
  { style: 'machine-translated', text: 'Tens of civilians were wounded in the bombardments of the regime.', killed: {}, injured: { civilians: 20, total: 20 } },
  { style: 'SOHR', text: 'A civilian was killed by sniper fire in Kafr Nabl.', killed: { civilians: 1, total: 1 }, injured: {} },
  { style: 'SOHR', text: 'Another civilian died of his wounds on Thursday.', killed: { civilians: 1, total: 1 }, injured: {} },
  { style: 'AP', text: 'Two more people were killed in a second strike an hour later.', killed: { total: 2 }, injured: {} },
  { style: 'SOHR', text: 'A further three civilians died of their wounds in hospital.', killed: { civilians: 3, total: 3 }, injured: {} },
  { style: 'Reuters', text: 'Twelve bodies were recovered from under the rubble.', killed: { total: 12 }, injured: {} },
  { style: 'AP', text: 'The explosion killed at least a dozen people.', killed: { total: 12 }, injured: {} },
  // A headline run into the lead tells the same children twice: they are two civilians, not four.
  { style: 'local', text: '2 Boys Shot Dead Near Park | Channel 9 NEWSTOWN — Two 14-year-old students were killed in the evening shooting.', killed: { children: 2, civilians: 2, total: 2 }, injured: {} },
  // A killer who then died by their own hand is one more dead, apart from the victims' categories;
  // relatives listed after one possessive are one person each.
  { style: 'local', text: 'Investigators say a man killed his wife, son and daughter, then himself.', killed: { women: 1, children: 2, civilians: 3, total: 4 }, injured: {} },
  { style: 'AP', text: 'The gunman killed two people and wounded nine others before killing himself.', killed: { total: 3 }, injured: { total: 9 } },
  { style: 'local', text: 'A man shot four relatives, killing two, then himself, police said.', killed: { total: 3 }, injured: { total: 4 } },
  { style: 'local', text: 'Deputies said she shot her husband and son before taking her own life.', killed: { total: 1 }, injured: { total: 2, children: 1 } },
  { style: 'local', text: 'He shot his neighbour before shooting himself in the leg.', killed: {}, injured: { total: 1 } },
  // A death by one's own hand told on its own, or before the shooting it ended.
  { style: 'local', text: 'A 40-year-old farmer ended his life by shooting himself early on Sunday.', killed: { civilians: 1, total: 1 }, injured: {} },
  { style: 'local', text: 'A man committed suicide at his home on Sunday, police said.', killed: { total: 1 }, injured: {} },
  // A victim who survived and was taken to hospital is one wounded.
  { style: 'local', text: 'The coroner said the fourth victim, Dana Lee, survived and was taken to the hospital.', killed: {}, injured: { total: 1 } },
  // A person named, then described, is one person.
  { style: 'local', text: 'A Lakeville man was charged in the murder of Sam Roe, a 23-year-old from Dedham.', killed: { total: 1 }, injured: {} },
  // A person named with a title is one person.
  { style: 'local', text: 'Officer Dana Lee died Thursday after being shot during a traffic stop.', killed: { total: 1 }, injured: {} },
  { style: 'local', text: 'A man killed himself after shooting two people at a bar.', killed: { total: 1 }, injured: { total: 2 } },
  { style: 'local', text: 'A man shot two people at a bar and later took his own life.', killed: { total: 1 }, injured: { total: 2 } },
  // Victims counted with a wound are everyone hit (the dead among them); people a list after the
  // count names one by one, or "with one …" after it, are that count's people, not more.
  { style: 'local', text: 'Two other victims were wounded in the shooting near the school.', killed: {}, injured: { total: 2 } },
  { style: 'local', text: 'Officers found four victims: a 54-year-old man shot in the back; a 30-year-old woman shot in the leg.', killed: {}, injured: { total: 4, women: 1 } },
  { style: 'local', text: 'Four men were wounded in the gunfire — a 30-year-old shot in the neck, a 25-year-old shot in the arm.', killed: {}, injured: { total: 4 } },
  { style: 'local', text: 'All five victims were taken to the hospital, with one person in critical condition.', killed: {}, injured: { total: 5 } },
  { style: 'local', text: 'The two victims were taken to a hospital, where they later died.', killed: { total: 2 }, injured: {} },
  // "The 2-year-old who was shot … has died", "the fifth man was pronounced dead", "the fatal shooting of a girl".
  { style: 'local', text: 'The 2-year-old who was shot inside an apartment on Elm Street has died.', killed: { total: 1 }, injured: {} },
  { style: 'local', text: 'The fifth man was pronounced dead at the hospital, police said.', killed: { total: 1 }, injured: {} },
  { style: 'local', text: 'Police found the car used in the fatal shooting of a 1-year-old girl last month.', killed: { children: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'local', text: 'The boy who was shot on Monday is recovering at home.', killed: {}, injured: {} },
  // Ages set off after names, and years, are not counts.
  { style: 'local', text: 'Dana Reyes, 21, and Sam Ortiz, 19, were killed in the shooting, police said.', killed: { total: 2 }, injured: {} },
  { style: 'local', text: 'Officers found Ann Cole, 52, Ben Cole, 55, and Jo Wu, 30, shot dead inside the house.', killed: { total: 3 }, injured: {} },
  { style: 'local', text: 'Chris Dunn, 19, and Pat Moss, 20, were wounded by gunfire near the park.', killed: {}, injured: { total: 2 } },
  { style: 'local', text: 'Two men ages 19 and 23 were wounded and taken to a hospital in stable condition.', killed: {}, injured: { total: 2 } },
  { style: 'local', text: 'Three teenagers between the ages of 15 and 17 were injured in the drive-by shooting.', killed: {}, injured: { total: 3 } },
  // A headline's bare noun after "after": "Police seek help after woman killed by stray bullet".
  { style: 'local', text: 'Police seek help after woman killed by stray bullet', killed: { women: 1, civilians: 1, total: 1 }, injured: {} },
  // People in apposition to the count before them are those people, not more.
  { style: 'local', text: 'Police say one of the victims, a 19-year-old, died at the hospital.', killed: { civilians: 1, total: 1 }, injured: {} },
  { style: 'local', text: 'Two more people, a 31-year-old man and a 22-year-old woman, died at the hospital.', killed: { total: 2, women: 1 }, injured: {} },
  // Two people under one article.
  { style: 'local', text: 'Officers found a man and woman suffering from gunshot wounds outside the club.', killed: {}, injured: { total: 2 } },
  { style: 'local', text: 'A mother and son were shot while sitting on their porch.', killed: {}, injured: { total: 2 } },
  // "fatally shooting" someone killed them.
  { style: 'local', text: 'Prosecutors charged a man with fatally shooting his neighbour during an argument.', killed: { total: 1 }, injured: {} },
  // The one who fired is no victim; a part of the shot named after "including" is one of them.
  { style: 'local', text: 'A 12-year-old was accidentally shot in the leg by his 9-year-old cousin at a family home.', killed: {}, injured: { total: 1 } },
  { style: 'local', text: 'A 10-year-old girl is recovering after her uncle accidentally fired his rifle, striking his niece in the arm.', killed: {}, injured: { children: 1, civilians: 1, total: 1 } },
  { style: 'local', text: 'Four people were shot, including one woman who was shot three times, after a fight outside a bar.', killed: {}, injured: { total: 4, women: 1 } },
  { style: 'local', text: 'Four people were shot, including one man who was shot three times, after a fight outside a bar.', killed: {}, injured: { total: 4 } },
  // The word for the killing gives the toll when no figure is stated; a stated one stands.
  { style: 'local', text: 'Detectives are investigating a double homicide on the east side.', killed: { total: 2 }, injured: {} },
  { style: 'local', text: 'Police called the deaths at the farmhouse a double murder-suicide.', killed: { total: 3 }, injured: {} },
  { style: 'local', text: 'Deputies said the triple slaying left three people dead inside the home.', killed: { total: 3 }, injured: {} },
  { style: 'local', text: 'He was charged with attempted double murder after the shooting.', killed: {}, injured: {} },
  // A part, then the whole event in a relative clause: the whole stands, the two do not add.
  { style: 'AP', text: 'Police named the three people killed outside the bakery during a shooting spree that left five people dead.', killed: { total: 5 }, injured: {} },
  { style: 'local', text: 'Two men were shot dead in the car park in an attack which killed at least seven people across the town.', killed: { total: 7 }, injured: {} },

  // --- qualifiers (the values; ranges are checked in the qualifier table below)
  { style: 'AP', text: 'More than 50 people were killed in the fighting.', killed: { total: 50 }, injured: {} },
  { style: 'Reuters', text: 'Nearly 100 civilians have died in the offensive.', killed: { civilians: 100, total: 100 }, injured: {} },
  { style: 'AFP', text: 'About fifty fighters were killed in the clashes.', killed: { fighters: 50, total: 50 }, injured: {} },
  { style: 'AP', text: 'Up to 12 people may have died in the blast.', killed: { total: 12 }, injured: {} },
  { style: 'AFP', text: 'Between 12 and 15 people were killed, the monitor said.', killed: { total: 12 }, injured: {} },

  // --- outcome words
  { style: 'Reuters', text: 'Eight people, including three children, perished when the building collapsed.', killed: { total: 8, children: 3 }, injured: {} },
  { style: 'Anadolu', text: 'Two children lost their lives when the shell hit the school.', killed: { children: 2, civilians: 2, total: 2 }, injured: {} },
  { style: 'AP', text: 'Thirteen people were hurt in the explosion.', killed: {}, injured: { total: 13 } },
  { style: 'AFP', text: 'Six people died and eleven were injured.', killed: { total: 6 }, injured: { total: 11 } },
  { style: 'Reuters', text: 'The strike left 3 dead and 7 injured.', killed: { total: 3 }, injured: { total: 7 } },
  { style: 'SOHR', text: 'The death toll rose to 33 on Friday.', killed: { total: 33 }, injured: {} },
  { style: 'AFP', text: 'The number of dead has risen to 40, according to rescuers.', killed: { total: 40 }, injured: {} },
  { style: 'AP', text: 'Medics said the death toll had reached 21.', killed: { total: 21 }, injured: {} },

  // --- categories
  { style: 'AFP', text: 'Eleven soldiers were killed in an ambush.', killed: { fighters: 11, total: 11 }, injured: {} },
  { style: 'Anadolu', text: 'Nine militants were killed in the clashes with government forces.', killed: { fighters: 9, total: 9 }, injured: {} },
  { style: 'SOHR', text: 'Two members of the regime forces were killed by sniper fire on the front lines.', killed: { fighters: 2, total: 2 }, injured: {} },
  { style: 'SOHR', text: 'Six fighters of the National Front for Liberation were killed in the counter-attack.', killed: { fighters: 6, total: 6 }, injured: {} },
  { style: 'AP', text: 'Four soldiers were killed and seven wounded in the attack.', killed: { fighters: 4, total: 4 }, injured: { total: 7 } },
  { style: 'local news', text: 'Two deputies were killed and a trooper was wounded in the ambush.', killed: { fighters: 2, total: 2 }, injured: { fighters: 1, total: 1 } },
  { style: 'Reuters', text: 'Gunmen shot dead two farmers in their field.', killed: { civilians: 2, total: 2 }, injured: {} },
  { style: 'AFP', text: 'Local sources reported that the shelling killed an elderly woman.', killed: { women: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'AP', text: 'A child was killed and four other people were injured when a shell fell on the town.', killed: { children: 1, civilians: 1, total: 1 }, injured: { total: 4 } },
  { style: 'SOHR', text: '3 children of the same family were killed when a shell hit their home in Ariha.', killed: { children: 3, civilians: 3, total: 3 }, injured: {} },
  { style: 'SOHR', text: 'The attack on the camp caused the death of 3 children of the same family.', killed: { children: 3, civilians: 3, total: 3 }, injured: {} },
  { style: 'Anadolu', text: 'Four members of the same family perished in the strike.', killed: { civilians: 4, total: 4 }, injured: {} },
  { style: 'AFP', text: 'The attack killed 3 members of a single family.', killed: { civilians: 3, total: 3 }, injured: {} },
  {
    style: 'AP',
    text: 'A woman and her two children were killed in the strike.',
    killed: { women: 1, children: 2, civilians: 3, total: 3 },
    injured: {},
  },
  {
    style: 'Reuters',
    text: 'Four children and two women were killed in the strike.',
    killed: { children: 4, women: 2, civilians: 6, total: 6 },
    injured: {},
  },
  {
    style: 'AFP',
    text: 'The clashes killed 14 regime soldiers and 9 rebel fighters.',
    killed: { fighters: 23, total: 23 },
    injured: {},
  },

  // --- structures
  { style: 'machine-translated', text: 'The bombardments of the regime left seven dead and twenty wounded in Ariha.', killed: { total: 7 }, injured: { total: 20 } },
  { style: 'machine-translated', text: 'The bombardments made 5 dead and 12 injured in Ariha.', killed: { total: 5 }, injured: { total: 12 } },
  { style: 'machine-translated', text: 'The strikes of Moscow killed seven people in Kafr Nabl.', killed: { total: 7 }, injured: {} },
  { style: 'Anadolu', text: 'Regime warplanes kill 20 civilians including 5 children in Idlib.', killed: { civilians: 20, children: 5, total: 20 }, injured: {} },
  { style: 'Anadolu', text: 'At least 6 civilians were killed and 10 others injured in airstrikes by regime warplanes.', killed: { civilians: 6, total: 6 }, injured: { total: 10 } },
  { style: 'Reuters', text: 'Russian jets hit a house, killing nine people and injuring many others.', killed: { total: 9 }, injured: {} },
  { style: 'AFP', text: 'Seven civilians, including two women and a child, were killed.', killed: { civilians: 7, women: 2, children: 1, total: 7 }, injured: {} },
  {
    style: 'SOHR',
    text: 'The monitor said 17 civilians, among them six children and three women, were killed in the air strikes.',
    killed: { civilians: 17, children: 6, women: 3, total: 17 },
    injured: {},
  },
  { style: 'SOHR', text: 'Nine civilians including four children died in the Russian strikes on Wednesday.', killed: { civilians: 9, children: 4, total: 9 }, injured: {} },
  { style: 'AFP', text: 'Seven people, among them a child, lost their lives in the bombardment.', killed: { total: 7, children: 1 }, injured: {} },
  { style: 'AFP', text: 'The toll of the strikes on Ariha rose to 17 dead, including 5 children.', killed: { total: 17, children: 5 }, injured: {} },
  { style: 'AP', text: 'The explosion killed at least 15 people and injured more than 40.', killed: { total: 15 }, injured: { total: 40 } },
  { style: 'AP', text: 'The blast killed 23 people and wounded dozens.', killed: { total: 23 }, injured: { total: 24 } },
  { style: 'AFP', text: 'Airstrikes on the market in Maarat al-Numan killed eight civilians and wounded 25 others.', killed: { civilians: 8, total: 8 }, injured: { total: 25 } },
  { style: 'Anadolu', text: 'Turkish drone strikes killed two SDF fighters and a civilian near Tal Tamr.', killed: { fighters: 2, civilians: 1, total: 3 }, injured: {} },
  { style: 'Reuters', text: 'The Russian raids resulted in the death of four civilians.', killed: { civilians: 4, total: 4 }, injured: {} },
  { style: 'machine-translated', text: 'The attack led to the martyrdom of 4 of our fighters.', killed: { fighters: 4, total: 4 }, injured: {} },
  { style: 'AFP', text: 'Rescuers pulled out the bodies of 11 people from the rubble.', killed: { total: 11 }, injured: {} },
  {
    style: 'AFP',
    text: 'The shelling killed three civilians, including a woman, and wounded 15 others.',
    killed: { civilians: 3, women: 1, total: 3 },
    injured: { total: 15 },
  },
  {
    style: 'Reuters',
    text: 'The strike killed 12 people, among them three children, and wounded 25.',
    killed: { total: 12, children: 3 },
    injured: { total: 25 },
  },
  {
    style: 'machine-translated',
    text: 'The raid killed 9 people, including 2 children, and injured many others.',
    killed: { total: 9, children: 2 },
    injured: {},
  },
  {
    style: 'SNHR',
    text: 'SNHR documented the killing of 277 civilians, including 72 children and 32 women, in November.',
    killed: { civilians: 277, children: 72, women: 32, total: 277 },
    injured: {},
  },
  {
    style: 'AFP',
    text: 'Among the dead were four children.',
    killed: { children: 4, civilians: 4, total: 4 },
    injured: {},
  },
  {
    style: 'machine-translated',
    text: 'The shelling caused the death of a civilian and the injury of three others.',
    killed: { civilians: 1, total: 1 },
    injured: { total: 3 },
  },
  // --- police and local-news phrasing (issue 10, classes 3 and 4)
  { style: 'local news', text: 'A man was shot and killed outside a bar on Main Street early Sunday.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'The 19-year-old was pronounced dead at the scene.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'A woman was fatally shot in her driveway on Friday night.', killed: { women: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'local news', text: 'A 24-year-old man was shot in the leg and is in stable condition.', killed: {}, injured: { total: 1 } },
  { style: 'local news', text: 'Four people were shot outside a nightclub on Saturday.', killed: {}, injured: { total: 4 } },
  { style: 'local news', text: 'Three people were shot, one fatally, near the park.', killed: { total: 1 }, injured: { total: 3 } },
  { style: 'local news', text: 'A teenager was shot and later died at the hospital.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'Two teens were wounded by gunfire on Elm Street.', killed: {}, injured: { total: 2 } },
  { style: 'local news', text: 'The gunman opened fire, killing a 17-year-old and wounding two others.', killed: { total: 1 }, injured: { total: 2 } },
  { style: 'local news', text: 'Two men were charged with murder in the death of a 15-year-old boy.', killed: { children: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'local news', text: 'Three men are charged in the killing of a store clerk.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'The victims were 17, 23 and 41, police said.', killed: {}, injured: {} },
  { style: 'local news', text: 'The victims, ages 19 and 22, were taken to the hospital.', killed: {}, injured: {} },
  { style: 'local news', text: 'Man fatally shot near park; woman in custody', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'Police say teen dies after shooting at party', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'The gunman shot three people, killing one.', killed: { total: 1 }, injured: { total: 3 } },
  { style: 'local news', text: 'A woman was killed and her boyfriend questioned by police.', killed: { women: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'local news', text: '7 dead in county shooting spree (Wire) - At least seven people were killed on Saturday.', killed: { total: 7 }, injured: {} },
  { style: 'local news', text: 'About 150 people were inside the plant when the gunman opened fire.', killed: {}, injured: {} },
  { style: 'local news', text: 'He told police the man shot him twice.', killed: {}, injured: {} },
  { style: 'local news', text: 'A man shot and killed his neighbour on Friday.', killed: { total: 1 }, injured: {}, todo: 'the object of an active "shot and killed" (his neighbour) is not counted; the agent is rightly not' },
  { style: 'local news', text: 'The woman sustained three gunshot wounds.', killed: {}, injured: { total: 1 }, todo: 'wounds are rightly not people, but "sustained … wounds" does not yet count the woman' },
  { style: 'local news', text: 'The victim, 24-year-old Dana Lee, was pronounced dead at the scene.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'A firefighter was accidentally shot dead inside his home.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'Antwan Reyes, 17, was shot twice in the abdomen.', killed: {}, injured: { total: 1 } },
  { style: 'local news', text: 'Marisol died Saturday, the coroner said.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'Police said the suspect shot the officer.', killed: {}, injured: { fighters: 1, total: 1 } },
  { style: 'local news', text: 'The gunman killed 22-year-old Dana Lee and wounded three others.', killed: { total: 1 }, injured: { total: 3 } },
  { style: 'local news', text: 'Police said the gunman shot and killed a store clerk.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'An 8-year-old boy is recovering in the hospital.', killed: {}, injured: { children: 1, civilians: 1, total: 1 } },
  { style: 'local news', text: 'Three men received life-threatening injuries.', killed: {}, injured: { total: 3 } },
  { style: 'local news', text: 'Two juvenile boys were taken to a local hospital after the shooting.', killed: {}, injured: { children: 2, civilians: 2, total: 2 } },
  { style: 'local news', text: 'Officer Reyes said Sunday the department would release the footage.', killed: {}, injured: {} },
  { style: 'local news', text: 'A 19-year-old was shot at a house party early Sunday.', killed: {}, injured: { total: 1 } },
  { style: 'local news', text: 'Two men were shot at about 2 a.m. outside a lounge.', killed: {}, injured: { total: 2 } },
  { style: 'local news', text: 'Officers said the man shot at police before he fled.', killed: {}, injured: {} },
  { style: 'local news', text: 'A man sustained a fatal gunshot wound to the chest.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'A 3-month-old girl was shot and killed in her crib.', killed: { children: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'local news', text: 'A man was charged with murder in the death of Dana Lee, 24.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'Police are investigating a death on Main Street.', killed: {}, injured: {} },
  { style: 'local news', text: 'Police are hunting a gunman who shot dead a one-year-old girl as she slept.', killed: { children: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'local news', text: 'Detective Dana Lee accidentally shot himself while holstering his gun.', killed: {}, injured: { total: 1 } },
  { style: 'local news', text: 'The suspects fired at deputies, striking Deputy Carla Jones.', killed: {}, injured: { total: 1 } },
  { style: 'local news', text: 'A man shot Dana Lee twice in the chest.', killed: {}, injured: { total: 1 } },
  { style: 'local news', text: 'He was rushed to the hospital but died.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'Friends remembered the boy after he was accidentally killed on Friday.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'A 14-year-old boy who was shot on Monday night has died, police said.', killed: { children: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'local news', text: 'A man who was shot on Friday has been released from the hospital.', killed: {}, injured: { total: 1 } },
  { style: 'local news', text: 'A man is facing a manslaughter charge after accidentally shooting his friend.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'A man was charged with attempted murder after shooting his neighbour.', killed: {}, injured: { total: 1 } },
  { style: 'local news', text: 'A 5-year-old girl was struck in the right hand by an apparent stray bullet.', killed: {}, injured: { children: 1, civilians: 1, total: 1 } },
  { style: 'local news', text: 'Police say a neighbour shot and killed Dana Lee, a junior at the high school.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'A teenager charged in the shooting death of a friend appeared in court.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: 'A 15 year-old boy was shot and killed on Friday.', killed: { children: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'local news', text: 'A 16-year old was wounded in the shooting.', killed: {}, injured: { total: 1 } },
  { style: 'local news', text: 'Officials say a 9-year-old boy accidentally shot himself in the leg.', killed: {}, injured: { children: 1, civilians: 1, total: 1 } },
  { style: 'local news', text: 'Police are looking for a man after his 6-year-old daughter was shot.', killed: {}, injured: { children: 1, civilians: 1, total: 1 } },
  { style: 'local news', text: 'Police were investigating the shooting of a 3-year-old girl.', killed: {}, injured: { children: 1, civilians: 1, total: 1 } },
  { style: 'local news', text: 'A stray bullet struck a woman sitting on her porch.', killed: {}, injured: { women: 1, civilians: 1, total: 1 } },
  { style: 'local news', text: 'A car fleeing the scene struck a pedestrian.', killed: {}, injured: {} },
  { style: 'local news', text: 'Crews found the body of an elderly man inside the home.', killed: { total: 1 }, injured: {} },
  { style: 'local news', text: '4-year-old boy fatally shoots himself with gun found at home', killed: { children: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'local news', text: 'Child accidentally shoots, kills self', killed: { children: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'local news', text: 'Teen in critical condition after shooting', killed: {}, injured: { total: 1 } },
  { style: 'local news', text: 'The gunman then turned the gun on himself.', killed: { fighters: 1, total: 1 }, injured: {} },
  { style: 'local news', text: 'A 19-year-old pleaded not guilty in the shooting death of his girlfriend.', killed: { women: 1, civilians: 1, total: 1 }, injured: {} },
  { style: 'local news', text: 'Girl shot on west sideLAKEVILLE — A child was shot in the head on Saturday.', killed: {}, injured: { children: 1, civilians: 1, total: 1 } },
  { style: 'local news', text: 'Woman killed at intersection - A man killed in a shootout with police and the woman have been identified.', killed: { women: 1, total: 2 }, injured: {} },
  // --- people named one by one, relatives (issue 10, class 5)
  { style: 'AP', text: 'A mother and her three daughters were killed when a shell hit their home.', killed: { women: 1, children: 3, civilians: 4, total: 4 }, injured: {} },
  { style: 'local news', text: 'A woman and her son were found dead inside the home.', killed: { women: 1, children: 1, civilians: 2, total: 2 }, injured: {} },
  { style: 'local news', text: 'A man and his 6-year-old daughter were shot on Friday.', killed: {}, injured: { children: 1, total: 2 } },
  { style: 'AFP', text: 'Three men and two women were killed in the attack.', killed: { women: 2, total: 5 }, injured: {} },
  { style: 'Reuters', text: 'Among them were two children and a woman.', killed: { children: 2, women: 1, civilians: 3, total: 3 }, injured: {} },
];

describe('casualty counts by category', () => {
  for (const row of ROWS) {
    test(`${row.style}: ${row.text}`, row.todo ? { todo: row.todo } : {}, () => {
      const got = countsOf(row.text);
      assert.deepEqual(got, { killed: row.killed, injured: row.injured }, describeAnchors(findCasualtyAnchors(row.text, 0)).join('\n'));
    });
  }
});

interface QualifierRow {
  text: string;
  outcome: 'killed' | 'injured';
  category: CountCategory;
  value: number;
  min: number;
  max: number;
  qualifier: Qualifier;
}

// numbers.ts decides how a qualifier becomes value/min/max (ACLED-conservative); these rows check
// that the casualty rules keep the whole phrase, qualifier included.
const QUALIFIER_ROWS: QualifierRow[] = [
  { text: 'At least six civilians were killed.', outcome: 'killed', category: 'civilians', value: 6, min: 6, max: 6, qualifier: 'at_least' },
  { text: 'More than 50 people were killed in the fighting.', outcome: 'killed', category: 'total', value: 50, min: 50, max: 50, qualifier: 'more_than' },
  { text: 'Nearly 100 civilians have died in the offensive.', outcome: 'killed', category: 'civilians', value: 100, min: 90, max: 100, qualifier: 'nearly' },
  { text: 'About fifty fighters were killed in the clashes.', outcome: 'killed', category: 'fighters', value: 50, min: 45, max: 55, qualifier: 'about' },
  { text: 'Up to 12 people may have died in the blast.', outcome: 'killed', category: 'total', value: 12, min: 1, max: 12, qualifier: 'up_to' },
  { text: 'Dozens of people were wounded in the blast.', outcome: 'injured', category: 'total', value: 24, min: 24, max: 99, qualifier: 'approx_plural' },
  { text: 'Tens of civilians were wounded in the raids of Moscow.', outcome: 'injured', category: 'civilians', value: 20, min: 20, max: 99, qualifier: 'approx_plural' },
  { text: 'Seven or eight civilians were wounded.', outcome: 'injured', category: 'civilians', value: 7, min: 7, max: 8, qualifier: 'about' },
  { text: 'The explosion killed at least 15 people and injured more than 40.', outcome: 'injured', category: 'total', value: 40, min: 40, max: 40, qualifier: 'more_than' },
  { text: 'A dozen civilians were wounded in the shelling.', outcome: 'injured', category: 'civilians', value: 12, min: 12, max: 12, qualifier: 'exact' },
];

describe('qualifiers are kept with the figure', () => {
  for (const row of QUALIFIER_ROWS) {
    test(`${row.text} → ${row.outcome} ${row.category} ${row.value} (${row.min}-${row.max}, ${row.qualifier})`, () => {
      const set = countsFromAnchors(findCasualtyAnchors(row.text, 0), row.outcome, row.text);
      const v = set[row.category];
      assert.ok(v, `no ${row.outcome} ${row.category} in ${JSON.stringify(row.text)}`);
      assert.deepEqual({ value: v.value, min: v.min, max: v.max, qualifier: v.qualifier }, { value: row.value, min: row.min, max: row.max, qualifier: row.qualifier });
    });
  }
});

interface AnchorRow {
  text: string;
  /** outcome/category=value, in text order; `^` marks a sub-count of the head before it. */
  anchors: string[];
  todo?: string;
}

// Sentences with several statements: the anchors (one per figure) are what the clause splitter
// and the frame builder work from, so their order, outcome and parent matter.
const ANCHOR_ROWS: AnchorRow[] = [
  {
    // casualties.ts: "of the victims" counts civilians, and "the other four" are the same kind of victims.
    text: 'Five of the victims, including four women, died in Al-Malaja while the other four were killed in Saraqib.',
    anchors: ['killed/civilians=5', '^killed/women=4', 'killed/civilians=4'],
  },
  {
    text: 'Two civilians were killed in Saraqib, and three others died in Sarmin.',
    anchors: ['killed/civilians=2', 'killed/total=3'],
  },
  {
    text: 'Russian warplanes killed 13 civilians in Idlib countryside, they are 7 civilians, including 2 children, in the village of al-Sahara, and 6 civilians in Jabbala.',
    anchors: ['killed/civilians=13', 'killed/civilians=7', '^killed/children=2', 'killed/civilians=6'],
  },
  {
    text: 'The Russian raids killed six people on Tuesday and eight more on Wednesday.',
    anchors: ['killed/total=6', 'killed/total=8'],
  },
  {
    text: 'Seven civilians were killed in Kafr Nabl, and two more died in Hass.',
    // "two more" are more of the same: civilians, like the count they follow.
    anchors: ['killed/civilians=7', 'killed/civilians=2'],
  },
];

function anchorLabels(anchors: CountAnchor[]): string[] {
  return anchors.map((a) => `${a.parent === null ? '' : '^'}${a.outcome}/${a.category}=${a.quantity.value}`);
}

describe('anchors of sentences with several figures', () => {
  for (const row of ANCHOR_ROWS) {
    test(row.text, row.todo ? { todo: row.todo } : {}, () => {
      const anchors = findCasualtyAnchors(row.text, 0);
      assert.deepEqual(anchorLabels(anchors), row.anchors, describeAnchors(anchors).join('\n'));
    });
  }
  test('a sub-count points at its head and inherits its outcome', () => {
    const text = 'Eight people, including three children, perished when the building collapsed.';
    const anchors = findCasualtyAnchors(text, 0);
    const sub = anchors.find((a) => a.parent !== null);
    assert.ok(sub);
    assert.equal(sub.rule, 'cas.sub');
    assert.equal(anchors[sub.parent!].quantity.value, 8);
    assert.equal(sub.outcome, 'killed');
  });
  test('"3 children of the same family" marks the anchor as implying civilians', () => {
    const [a] = findCasualtyAnchors('3 children of the same family were killed.', 0);
    assert.equal(a.category, 'children');
    assert.equal(a.impliesCivilians, true);
  });
});

// Numbers that are not casualty figures. `figure` is the number phrase that must not become an
// anchor; the other figures of the sentence (if any) may.
const NEGATIVE_ROWS: { text: string; figure: string; todo?: string }[] = [
  { text: 'Activists said 96 people were killed in 48 hours.', figure: '48' },
  { text: 'Warplanes carried out 180 raids on the province on Tuesday.', figure: '180' },
  { text: 'Russian jets conducted 180 raids, killing 12 civilians.', figure: '180' },
  { text: 'A boy aged 12 was wounded by shrapnel.', figure: '12' },
  { text: 'The uprising began in 2011 and turned into a full-scale war.', figure: '2011' },
  { text: 'More than 370,000 people have been killed in the war, which began in 2011.', figure: '2011' },
  { text: 'A number of people were wounded in the shelling.', figure: 'A number of' },
  { text: 'Warplanes struck the village 12 times on Monday.', figure: '12' },
  { text: 'Some 4 million civilians live in the province.', figure: '4 million' },
  { text: 'Some 200 families fled the town after the strikes.', figure: '200' },
  { text: 'Two of the wounded are in critical condition.', figure: 'Two' },
  { text: 'No one was killed in the attack.', figure: 'one' },
  { text: 'The strike hit the hospital in Kafr Nabl at 10 a.m. and put it out of service.', figure: '10' },
  { text: 'A 12-year-old boy was among those wounded on 6 November.', figure: '12' },
  { text: 'The regime dropped 40 barrel bombs on the town in a single day.', figure: '40' },
  { text: "The 30-year-old man who died in the city's first homicide of 2021 was shot to death during a robbery.", figure: '2021' },
  { text: 'Lee Park, 34, was shot dead by his neighbour, police said.', figure: '34' },
  { text: 'Two men ages 19 and 23 were taken to a hospital in stable condition.', figure: '23' },
  { text: 'Pupils were unhurt after at least one shot was fired near a school bus.', figure: 'at least one' },
  { text: 'The sheriff told Channel 5 the man was shot in the arm.', figure: '5' },
  { text: 'Neighbours mourned the senseless death of 4 yr old in a drive-by shooting.', figure: '4' },
  { text: 'Two men walked into the shop, demanded cash, and one fired a shot into the ceiling.', figure: 'Two' },
  // A crowd, and a count whose clause tells of someone else's death.
  { text: 'About 200 people gathered for a vigil to honor an officer who was fatally shot.', figure: 'About 200' },
  { text: 'Dozens of neighbours stood outside the house where a teenager was killed.', figure: 'Dozens' },
  // A count of shots fired or heard, not of people shot.
  { text: 'The suspect rushed a deputy with a shovel, prompting the deputy to fire one shot in his direction.', figure: 'one' },
  { text: 'Neighbours heard three shots shortly after midnight.', figure: 'three' },
  // An outcome that did not happen.
  { text: 'A motorist escaped serious injury when a bullet shattered a window of his car.', figure: 'A motorist' },
  { text: 'Two officers at the scene were not hurt in the exchange of fire.', figure: 'Two' },
];

describe('numbers that are not casualty figures', () => {
  for (const row of NEGATIVE_ROWS) {
    test(`no figure from "${row.figure}" in: ${row.text}`, row.todo ? { todo: row.todo } : {}, () => {
      const anchors = findCasualtyAnchors(row.text, 0);
      const at = row.text.indexOf(row.figure);
      assert.ok(at >= 0, 'the figure must occur in the text');
      const bad = anchors.filter((a) => a.start <= at && at < a.end && a.text.startsWith(row.figure));
      assert.deepEqual(describeAnchors(bad), []);
    });
  }
  test('"A number of people were wounded" states no figure at all', () => {
    assert.deepEqual(findCasualtyAnchors('A number of people were wounded in the shelling.', 0), []);
  });
  test('"killing nine people and injuring many others" gives no injured figure', () => {
    const anchors = findCasualtyAnchors('Russian jets hit a house, killing nine people and injuring many others.', 0);
    assert.deepEqual(anchors.filter((a) => a.outcome === 'injured'), []);
  });
});

describe('provenance', () => {
  test('anchors are offset into the document and keep the text and rule that produced them', () => {
    const doc = 'IDLIB, Syria (AP) — Shelling hit the town overnight. Seven civilians were killed and 20 others wounded, medics said.';
    const sentenceStart = doc.indexOf('Seven');
    const sentence = doc.slice(sentenceStart);
    const anchors = findCasualtyAnchors(sentence, sentenceStart);
    assert.equal(anchors.length, 2);
    for (const a of anchors) {
      assert.equal(doc.slice(a.start, a.end), a.text);
      assert.match(a.rule, /^cas\.[a-z-]+(?:\+(?:cat|cas)\.[a-z-]+)*$/);
    }
    const killed = countsFromAnchors(anchors, 'killed', doc);
    assert.equal(killed.civilians?.prov.text, 'Seven civilians were killed');
    assert.equal(killed.civilians?.prov.rule, 'cas.num-cat-outcome+cat.civilians');
    // A derived total says it was derived.
    assert.equal(killed.total?.prov.rule, 'derive.total');
  });
});

/** A hand-made anchor, so the derivations are tested apart from the phrase rules. */
function anchor(outcome: 'killed' | 'injured', category: CountCategory, value: number, opts: { parent?: number; impliesCivilians?: boolean } = {}): CountAnchor {
  return {
    outcome,
    category,
    quantity: { value, min: value, max: value, qualifier: 'exact', approximate: false, additional: false, rule: 'digits' },
    start: 0,
    end: 1,
    text: String(value),
    rule: 'test',
    parent: opts.parent ?? null,
    impliesCivilians: opts.impliesCivilians ?? false,
  };
}

describe('countsFromAnchors derivations', () => {
  test('children and women stated without civilians add up to the civilians and the total', () => {
    const killed = values(countsFromAnchors([anchor('killed', 'children', 4), anchor('killed', 'women', 2)], 'killed', 'x'));
    assert.deepEqual(killed, { children: 4, women: 2, civilians: 6, total: 6 });
  });
  test('civilians and fighters stated separately add up to the total', () => {
    const killed = values(countsFromAnchors([anchor('killed', 'civilians', 5), anchor('killed', 'fighters', 3)], 'killed', 'x'));
    assert.deepEqual(killed, { civilians: 5, fighters: 3, total: 8 });
  });
  test('a stated total is kept, not replaced by the sum of its parts', () => {
    const killed = values(countsFromAnchors([anchor('killed', 'total', 10), anchor('killed', 'civilians', 4, { parent: 0 })], 'killed', 'x'));
    assert.deepEqual(killed, { total: 10, civilians: 4 });
  });
  test('children "of the same family" count as civilians too', () => {
    const killed = values(countsFromAnchors([anchor('killed', 'children', 3, { impliesCivilians: true })], 'killed', 'x'));
    assert.deepEqual(killed, { children: 3, civilians: 3, total: 3 });
  });
  test('two heads of one category add up', () => {
    const killed = values(countsFromAnchors([anchor('killed', 'civilians', 2), anchor('killed', 'civilians', 3)], 'killed', 'x'));
    assert.deepEqual(killed, { civilians: 5, total: 5 });
  });
  test('only anchors of the asked outcome count', () => {
    const anchors = [anchor('killed', 'total', 7), anchor('injured', 'total', 20)];
    assert.deepEqual(values(countsFromAnchors(anchors, 'injured', 'x')), { total: 20 });
  });
});

describe('a pronoun that was shot', () => {
  test('"she was shot" counts one wounded person when the sentence counts no one else', () => {
    assert.deepEqual(countsOf('A mother is expected to recover after she was shot by her toddler.'), { killed: {}, injured: { total: 1 } });
    assert.deepEqual(countsOf('Police said he accidentally shot himself while cleaning a rifle.'), { killed: {}, injured: { total: 1 } });
    // Fired at, not hit; or the sentence tells the death itself.
    assert.deepEqual(countsOf('Police said he was shot at but not hit.'), { killed: {}, injured: {} });
    assert.deepEqual(countsOf('He was shot in the head and was pronounced dead at the scene.'), { killed: { total: 1 }, injured: {} });
  });
});
