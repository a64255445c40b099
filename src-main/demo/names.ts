/** Word lists for the demo patients: a New York clientele, with the accents and particles real names carry. */

const words = (text: string): string[] => text.trim().split(/\s*,\s*/);

export const femaleFirstNames = words(`
  Emma, Olivia, Ava, Sophia, Isabella, Mia, Charlotte, Amelia, Harper, Evelyn, Abigail, Emily, Elizabeth, Madison,
  Avery, Ella, Scarlett, Grace, Chloe, Victoria, Riley, Aria, Lily, Zoë, Nora, Hannah, Layla, Camila, Penelope,
  Natalie, Leah, Savannah, Audrey, Brooklyn, Claire, Lucy, Anna, Samantha, Caroline, Aaliyah, Kennedy, Allison, Maya,
  Sarah, Ariana, Jessica, Jennifer, Ashley, Amanda, Stephanie, Nicole, Melissa, Michelle, Rebecca, Laura, Rachel,
  Megan, Lauren, Danielle, Christina, Katherine, Catherine, Margaret, Patricia, Linda, Barbara, Susan, Karen, Lisa,
  Donna, Sandra, Deborah, Kimberly, Andrea, Renée, Chloé, Inès, Léa, Mónica, Lucía, María, Ana, Sofía, Valentina,
  Ximena, Guadalupe, Mei, Xiu Ying, Yuki, Haruka, Ji-woo, Min-seo, Priya, Ananya, Fatima, Aisha, Amara, Nia, Imani,
  Zainab, Leila, Yasmin, Noor, Siobhán, Aoife, Niamh, Saoirse, Ingrid, Astrid, Małgorzata, Agnieszka, Zofia, Anaïs,
  Margaux, Élodie, Françoise, Thảo, Linh, Ngọc Anh, Olga, Natalia, Svetlana, Signe, Mary-Kate, Anne-Marie, Beatriz,
  Gabriela, Daniela, Paola, Tatiana, Keisha, Shanice, Ebony, Dominique, Jade, Naomi, Esther, Miriam, Talia
`);

export const maleFirstNames = words(`
  James, Michael, David, John, Robert, Daniel, Matthew, Christopher, Anthony, Andrew, Joshua, Ryan, Kevin, Brian,
  Jason, Justin, Eric, Thomas, Benjamin, William, Alexander, Jonathan, Samuel, Nathan, José, Luis, Carlos, Juan,
  Miguel, Alejandro, Diego, Mateo, Andrés, Raúl, Wei, Jian, Hiroshi, Kenji, Min-jun, Arjun, Rohan, Omar, Ahmed,
  Malik, Kwame, Darnell, Jamal, Liam, Noah, Ethan, Lucas, Søren, Bjørn, François, Jérôme, Stéphane, Đức, Minh,
  Tuấn, Mikhail, Dmitri, Jean-Luc, Seán, Cormac
`);

/** Common names first (they are drawn three times as often). */
export const commonLastNames = words(`
  Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez, Hernandez, Lopez, Gonzalez,
  Wilson, Anderson, Thomas, Taylor, Moore, Jackson, Martin, Lee, Perez, Thompson, White, Harris, Sanchez, Clark,
  Ramirez, Lewis, Robinson, Walker, Young, Allen, King, Wright, Scott, Torres, Nguyen, Hill, Flores, Green, Adams,
  Nelson, Baker, Hall, Rivera, Campbell, Mitchell, Carter, Roberts, Cohen, Kim, Patel, Chen
`);

export const otherLastNames = words(`
  Gómez, Phillips, Evans, Turner, Díaz, Parker, Cruz, Edwards, Collins, Reyes, Stewart, Morris, Morales, Murphy,
  Cook, Rogers, Gutiérrez, Ortiz, Morgan, Cooper, Peterson, Bailey, Reed, Kelly, Howard, Ramos, Cox, Ward,
  Richardson, Watson, Brooks, Chávez, Wood, Bennett, Gray, Mendoza, Ruiz, Hughes, Price, Álvarez, Castillo, Sanders,
  Myers, Long, Ross, Foster, Jiménez, Müller, Schröder, Weiß, Ødegaard, Østergaard, Løvland, Nguyễn, Trần, Lê, Phạm,
  Hoàng, Đặng, Wang, Li, Zhang, Liu, Huang, Yamamoto, Tanaka, Sato, Park, Choi, Shah, Singh, Kumar, Gupta, Khan,
  Haddad, Nasser, O'Brien, O'Connor, McCarthy, Murray, Sullivan, Kowalski, Nowak, Wiśniewski, Dubois, Lefèvre,
  Bélanger, Côté, Rossi, Russo, Esposito, Romano, Ricci, Levy, Friedman, Goldberg, Katz, Papadopoulos, Ivanova,
  Petrov, Okafor, Adeyemi, Mensah, Diallo, Abebe, Santos, Oliveira, Pereira, da Silva, van der Berg, St. James,
  Smith-Jones, García-López, De la Cruz, MacLeod, Fitzgerald, Lindqvist, Andersson, Johansson
`);

/** Short forms people ask to be called by. */
export const nicknames: Record<string, string[]> = {
  Elizabeth: ['Liz', 'Beth', 'Eliza'],
  Katherine: ['Kate', 'Kat'],
  Catherine: ['Cathy', 'Cat'],
  Margaret: ['Maggie', 'Meg'],
  Patricia: ['Patty', 'Trish'],
  Jennifer: ['Jen', 'Jenny'],
  Samantha: ['Sam'],
  Victoria: ['Tori', 'Vicky'],
  Stephanie: ['Steph'],
  Rebecca: ['Becca'],
  Christina: ['Tina', 'Chris'],
  Kimberly: ['Kim'],
  Deborah: ['Debbie'],
  Abigail: ['Abby'],
  Alexander: ['Alex'],
  Benjamin: ['Ben'],
  Christopher: ['Chris'],
  Jonathan: ['Jon'],
  Michael: ['Mike'],
  William: ['Will', 'Bill'],
  Małgorzata: ['Gosia'],
  Guadalupe: ['Lupe'],
  Valentina: ['Vale'],
  Gabriela: ['Gabi'],
  'Xiu Ying': ['Grace'],
  'Ji-woo': ['Jenny'],
  'Ngọc Anh': ['Anna'],
  Thảo: ['Tina'],
};

/** Spelling variants a second registration of the same person might carry. */
export const nameVariants: Record<string, string> = {
  Catherine: 'Katherine',
  Katherine: 'Kathryn',
  Sarah: 'Sara',
  Zoë: 'Zoe',
  Chloé: 'Chloe',
  Renée: 'Renee',
  José: 'Jose',
  María: 'Maria',
  Lucía: 'Lucia',
  Sofía: 'Sofia',
  Ana: 'Anna',
  Ashley: 'Ashleigh',
  Megan: 'Meghan',
  Rachel: 'Rachael',
  Jonathan: 'Jon',
  Michael: 'Mike',
};

export interface Place {
  city: string;
  region: string;
  zips: readonly string[];
  areaCodes: readonly string[];
  weight: number;
}

export const places: readonly Place[] = [
  { city: 'New York', region: 'NY', zips: ['10001', '10003', '10011', '10012', '10014', '10016', '10019', '10021', '10022', '10023', '10024', '10025', '10028', '10065', '10075', '10128'], areaCodes: ['212', '646', '917', '332'], weight: 40 },
  { city: 'Brooklyn', region: 'NY', zips: ['11201', '11205', '11211', '11215', '11217', '11222', '11231', '11238'], areaCodes: ['718', '347', '929', '917'], weight: 18 },
  { city: 'Long Island City', region: 'NY', zips: ['11101', '11109'], areaCodes: ['718', '347', '917'], weight: 4 },
  { city: 'Astoria', region: 'NY', zips: ['11102', '11103', '11105', '11106'], areaCodes: ['718', '347', '929'], weight: 5 },
  { city: 'Forest Hills', region: 'NY', zips: ['11375'], areaCodes: ['718', '347'], weight: 3 },
  { city: 'Bronx', region: 'NY', zips: ['10463', '10471', '10458'], areaCodes: ['718', '347', '929'], weight: 4 },
  { city: 'Staten Island', region: 'NY', zips: ['10301', '10304', '10314'], areaCodes: ['718', '347'], weight: 2 },
  { city: 'Hoboken', region: 'NJ', zips: ['07030'], areaCodes: ['201', '551'], weight: 5 },
  { city: 'Jersey City', region: 'NJ', zips: ['07302', '07304', '07306', '07310'], areaCodes: ['201', '551'], weight: 5 },
  { city: 'Scarsdale', region: 'NY', zips: ['10583'], areaCodes: ['914'], weight: 3 },
  { city: 'White Plains', region: 'NY', zips: ['10601', '10605'], areaCodes: ['914'], weight: 3 },
  { city: 'Greenwich', region: 'CT', zips: ['06830', '06831'], areaCodes: ['203', '475'], weight: 2 },
  { city: 'Stamford', region: 'CT', zips: ['06901', '06902', '06905'], areaCodes: ['203', '475'], weight: 2 },
];

export const streets = words(`
  W 57th St, E 72nd St, Park Ave, Lexington Ave, Madison Ave, Broadway, Amsterdam Ave, Columbus Ave, West End Ave,
  Riverside Dr, 2nd Ave, 3rd Ave, 1st Ave, Bleecker St, Hudson St, Greenwich St, Bedford Ave, Atlantic Ave,
  Court St, Smith St, Flatbush Ave, Prospect Park W, 5th Ave, 7th Ave, Montague St, Henry St, Vernon Blvd,
  Ditmars Blvd, Steinway St, Austin St, Queens Blvd, Washington St, Bloomfield St, Grand St, Newark Ave,
  Palisade Ave, Main St, Maple Ave, Elm St, Oak Ln, Greenwich Ave, Post Rd, Mamaroneck Ave
`);

export const emailDomains: readonly (readonly [string, number])[] = [
  ['gmail.com', 48],
  ['yahoo.com', 12],
  ['icloud.com', 12],
  ['outlook.com', 7],
  ['hotmail.com', 6],
  ['aol.com', 3],
  ['me.com', 3],
  ['proton.me', 2],
  ['nyu.edu', 1],
  ['columbia.edu', 1],
];

/** Misspelt domains as typed at the desk, so data-quality tools have something to find. */
export const typoDomains = ['gmial.com', 'gmail.con', 'yahooo.com', 'icloud.co', 'hotmial.com'];

export const archiveReasons = ['Moved away', 'Asked to be removed', 'Duplicate registration', 'No longer a patient', 'Deceased'];

export const patientNotes = [
  'Prefers morning appointments.',
  'Likes a quiet room; no small talk.',
  'Runs late — call the day before.',
  'Needle-anxious: offer numbing cream early.',
  'Works nights; text only after 2 pm.',
  'Parks in the garage on 57th, validate ticket.',
  'Brings her daughter to appointments.',
  'Asked about membership pricing.',
  'Wedding in June — plan treatments backwards from the date.',
  'Prefers Dr. Rivera.',
];
