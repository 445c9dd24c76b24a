/** Word lists for Dutch-looking installer names and places (synthetic data only). */

export const SURNAMES: readonly string[] = [
    'De Vries', 'Jansen', 'De Jong', 'Bakker', 'Visser', 'Smit', 'Meijer', 'De Boer', 'Mulder', 'De Groot',
    'Bos', 'Vos', 'Peters', 'Hendriks', 'Van Leeuwen', 'Dekker', 'Brouwer', 'De Wit', 'Dijkstra', 'Smits',
    'De Graaf', 'Van der Meer', 'Van der Linden', 'Kok', 'Jacobs', 'De Haan', 'Vermeulen', 'Van den Berg',
    'Van Dijk', 'Schouten', 'Van Beek', 'Willems', 'Hoekstra', 'Koster', 'Prins', 'Kuipers', 'Postma',
    'Huisman', 'Verbeek', 'Timmermans', 'Kramer', 'Van Wijk', 'Scholten', 'Van Vliet', 'Groen', 'Post',
    'Hermans', 'Wouters', 'Van Dam', 'Kuiper', 'Veenstra', 'Bosman', 'Evers', 'Boersma', 'Molenaar',
    'Verhoeven', 'Van der Heijden', 'Van Rijn', 'Gerritsen', 'Martens', 'Van Doorn', 'Claassen', 'Wolters',
    'Van Dongen', 'Hofman', 'Kroon', 'Van Es', 'Bouwman', 'Maas', 'Van Loon', 'Jonker', 'Van der Wal',
    'Zwart', 'Blom', 'Van Veen', 'Koopman', 'Brink', 'Sanders', 'Hoogendoorn', 'Ter Horst'
];

export const INITIALS: readonly string[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'W'];

/** Name patterns; `{s}` is a surname, `{i}` an initial. Small firms lean to the first list. */
export const SMALL_FIRM_PATTERNS: readonly string[] = [
    'De heer {i}. {sl}',
    'Mevrouw {i}. {sl}',
    '{s} Installaties',
    'Loodgietersbedrijf {s}',
    'Klusbedrijf {s}',
    '{i}.{i}. {s} Installatietechniek',
    'Installatiebedrijf {s}'
];

export const FIRM_PATTERNS: readonly string[] = [
    'Installatiebedrijf {s}',
    '{s} Installatietechniek',
    'Installatiebureau {s}',
    '{s} Verwarming B.V.',
    '{s} & Zn.',
    '{s} Klimaattechniek',
    'Firma {s}',
    '{s} Service en Onderhoud',
    'Technisch Bureau {s}',
    '{s} Groep B.V.',
    '{s} Duurzame Installaties'
];

export const CITIES: readonly string[] = [
    'Amsterdam', 'Rotterdam', 'Den Haag', 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg', 'Almere', 'Breda',
    'Nijmegen', 'Apeldoorn', 'Haarlem', 'Arnhem', 'Enschede', 'Amersfoort', 'Zaanstad', "'s-Hertogenbosch",
    'Zwolle', 'Leiden', 'Maastricht', 'Dordrecht', 'Ede', 'Alkmaar', 'Emmen', 'Delft', 'Venlo', 'Deventer',
    'Helmond', 'Leeuwarden', 'Hilversum', 'Hengelo', 'Purmerend', 'Roosendaal', 'Oss', 'Schiedam', 'Assen',
    'Gouda', 'Zeist', 'Veenendaal', 'Kampen', 'Harderwijk', 'Doetinchem', 'Heerenveen', 'Sneek', 'Goes',
    'Middelburg', 'Barneveld', 'Woerden', 'Uden', 'Weert'
];
