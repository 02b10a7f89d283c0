#!/usr/bin/env python3
"""Writes a synthetic corpus of UK police misconduct news articles for benchmarking policegraph.

Each article is built from a randomly drawn case (force, unit, 1-5 officers with ranks and
names or designations, an incident, an investigation, a misconduct meeting / hearing /
accelerated hearing / court appearance, findings, outcomes and standards breached) and told
through sentence templates of many shapes, with quotes and the chrome of news sites and force
press offices. All names are invented. The output is deterministic for a given seed and N.

    python3 bench/gen_corpus.py -n 100000 --seed 1 -o /tmp/corpus.jsonl
    python3 bench/gen_corpus.py -n 50 -o /tmp/a.jsonl --txt-dir /tmp/articles   # and one .txt each

JSON Lines: {"text", "url", "title", "published"} one article per line; url is unique.
Standard library only (Python 3.11).
"""

import argparse
import datetime
import json
import os
import random
import sys
import time

# --------------------------------------------------------------------------------------------
# Gazetteers
# --------------------------------------------------------------------------------------------

MET = "Metropolitan Police Service"

# name, short forms used after the first mention, places, courts (magistrates', crown), PSD name
FORCES = [
    (MET, ["the Met", "the Metropolitan Police", "the MPS", "Scotland Yard", "the Met Police"],
     ["Hackney", "Croydon", "Lewisham", "Brixton", "Camden", "Ealing", "Romford", "Walthamstow",
      "Wembley", "Bromley", "Islington", "Stratford", "Peckham", "Harrow", "Sutton"],
     ["Westminster Magistrates' Court", "Croydon Magistrates' Court",
      "Highbury Corner Magistrates' Court", "Bromley Magistrates' Court",
      "Thames Magistrates' Court", "Uxbridge Magistrates' Court"],
     ["Southwark Crown Court", "Inner London Crown Court", "Snaresbrook Crown Court",
      "Wood Green Crown Court", "Kingston Crown Court", "Isleworth Crown Court",
      "the Central Criminal Court"],
     "Directorate of Professional Standards", "DPS"),
    ("Greater Manchester Police", ["GMP", "the force"],
     ["Salford", "Bolton", "Stockport", "Wigan", "Oldham", "Rochdale", "Trafford"],
     ["Manchester Magistrates' Court", "Tameside Magistrates' Court"],
     ["Manchester Crown Court", "Bolton Crown Court"], "Professional Standards Branch", "PSB"),
    ("West Midlands Police", ["WMP", "the force"],
     ["Birmingham", "Coventry", "Wolverhampton", "Solihull", "Walsall", "Dudley"],
     ["Birmingham Magistrates' Court", "Coventry Magistrates' Court"],
     ["Birmingham Crown Court", "Wolverhampton Crown Court"],
     "Professional Standards Department", "PSD"),
    ("West Yorkshire Police", ["the force"],
     ["Leeds", "Bradford", "Huddersfield", "Wakefield", "Halifax"],
     ["Leeds Magistrates' Court", "Bradford Magistrates' Court"],
     ["Leeds Crown Court", "Bradford Crown Court"], "Professional Standards Department", "PSD"),
    ("Merseyside Police", ["the force"],
     ["Liverpool", "Wallasey", "Birkenhead", "St Helens", "Bootle", "Southport"],
     ["Liverpool Magistrates' Court", "Wirral Magistrates' Court"],
     ["Liverpool Crown Court"], "Professional Standards Department", "PSD"),
    ("Kent Police", ["the force"],
     ["Maidstone", "Canterbury", "Medway", "Dartford", "Ashford", "Folkestone", "Margate"],
     ["Medway Magistrates' Court", "Margate Magistrates' Court"],
     ["Maidstone Crown Court", "Canterbury Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Essex Police", ["the force"],
     ["Chelmsford", "Colchester", "Southend", "Basildon", "Harlow", "Clacton"],
     ["Chelmsford Magistrates' Court", "Colchester Magistrates' Court"],
     ["Chelmsford Crown Court"], "Professional Standards Department", "PSD"),
    ("Sussex Police", ["the force"],
     ["Brighton", "Crawley", "Worthing", "Eastbourne", "Hastings", "Chichester"],
     ["Brighton Magistrates' Court", "Crawley Magistrates' Court"],
     ["Lewes Crown Court", "Hove Crown Court"], "Professional Standards Department", "PSD"),
    ("Thames Valley Police", ["TVP", "the force"],
     ["Oxford", "Reading", "Slough", "Milton Keynes", "High Wycombe", "Banbury"],
     ["Oxford Magistrates' Court", "Reading Magistrates' Court"],
     ["Oxford Crown Court", "Reading Crown Court", "Aylesbury Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Avon and Somerset Constabulary", ["Avon and Somerset Police", "the force"],
     ["Bristol", "Bath", "Weston-super-Mare", "Taunton", "Yeovil"],
     ["Bristol Magistrates' Court", "North Somerset Magistrates' Court"],
     ["Bristol Crown Court", "Taunton Crown Court"], "Professional Standards Department", "PSD"),
    ("Hampshire and Isle of Wight Constabulary", ["Hampshire Constabulary", "the force"],
     ["Southampton", "Portsmouth", "Basingstoke", "Winchester", "Newport"],
     ["Southampton Magistrates' Court", "Portsmouth Magistrates' Court"],
     ["Winchester Crown Court", "Southampton Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Devon and Cornwall Police", ["the force"],
     ["Plymouth", "Exeter", "Torquay", "Truro", "Barnstaple"],
     ["Plymouth Magistrates' Court", "Exeter Magistrates' Court"],
     ["Exeter Crown Court", "Plymouth Crown Court", "Truro Crown Court"],
     "Professional Standards Department", "PSD"),
    ("South Wales Police", ["the force"],
     ["Cardiff", "Swansea", "Bridgend", "Merthyr Tydfil", "Neath"],
     ["Cardiff Magistrates' Court", "Swansea Magistrates' Court"],
     ["Cardiff Crown Court", "Swansea Crown Court"], "Professional Standards Department", "PSD"),
    ("Northumbria Police", ["the force"],
     ["Newcastle", "Sunderland", "Gateshead", "South Shields", "Blyth"],
     ["Newcastle Magistrates' Court", "South Tyneside Magistrates' Court"],
     ["Newcastle Crown Court"], "Professional Standards Department", "PSD"),
    ("South Yorkshire Police", ["SYP", "the force"],
     ["Sheffield", "Doncaster", "Rotherham", "Barnsley"],
     ["Sheffield Magistrates' Court", "Doncaster Magistrates' Court"],
     ["Sheffield Crown Court"], "Professional Standards Department", "PSD"),
    ("Nottinghamshire Police", ["the force"],
     ["Nottingham", "Mansfield", "Newark", "Worksop"],
     ["Nottingham Magistrates' Court", "Mansfield Magistrates' Court"],
     ["Nottingham Crown Court"], "Professional Standards Department", "PSD"),
    ("Lancashire Constabulary", ["Lancashire Police", "the force"],
     ["Preston", "Blackpool", "Blackburn", "Burnley", "Lancaster"],
     ["Preston Magistrates' Court", "Blackpool Magistrates' Court"],
     ["Preston Crown Court", "Burnley Crown Court"], "Professional Standards Department", "PSD"),
    ("Cheshire Constabulary", ["Cheshire Police", "the force"],
     ["Chester", "Warrington", "Crewe", "Macclesfield", "Runcorn"],
     ["Chester Magistrates' Court", "Warrington Magistrates' Court"],
     ["Chester Crown Court"], "Professional Standards Department", "PSD"),
    ("British Transport Police", ["BTP", "the force"],
     ["King's Cross", "Waterloo", "Euston", "Manchester Piccadilly", "Birmingham New Street",
      "Leeds station", "Clapham Junction"],
     ["City of London Magistrates' Court", "Westminster Magistrates' Court"],
     ["Southwark Crown Court", "Manchester Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Staffordshire Police", ["the force"],
     ["Stoke-on-Trent", "Stafford", "Burton upon Trent", "Tamworth"],
     ["North Staffordshire Justice Centre", "Cannock Magistrates' Court"],
     ["Stoke-on-Trent Crown Court", "Stafford Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Leicestershire Police", ["the force"],
     ["Leicester", "Loughborough", "Hinckley", "Melton Mowbray"],
     ["Leicester Magistrates' Court"], ["Leicester Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Norfolk Constabulary", ["Norfolk Police", "the force"],
     ["Norwich", "King's Lynn", "Great Yarmouth", "Thetford"],
     ["Norwich Magistrates' Court"], ["Norwich Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Durham Constabulary", ["Durham Police", "the force"],
     ["Durham", "Darlington", "Peterlee", "Consett"],
     ["Peterlee Magistrates' Court", "Newton Aycliffe Magistrates' Court"],
     ["Durham Crown Court"], "Professional Standards Department", "PSD"),
    ("Cleveland Police", ["the force"],
     ["Middlesbrough", "Hartlepool", "Stockton", "Redcar"],
     ["Teesside Magistrates' Court"], ["Teesside Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Dyfed-Powys Police", ["the force"],
     ["Carmarthen", "Aberystwyth", "Llanelli", "Newtown"],
     ["Llanelli Magistrates' Court"], ["Swansea Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Gwent Police", ["the force"], ["Newport", "Cwmbran", "Ebbw Vale", "Abergavenny"],
     ["Newport Magistrates' Court"], ["Cardiff Crown Court"],
     "Professional Standards Department", "PSD"),
    ("North Yorkshire Police", ["the force"], ["York", "Harrogate", "Scarborough", "Selby"],
     ["York Magistrates' Court"], ["York Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Humberside Police", ["the force"], ["Hull", "Grimsby", "Scunthorpe", "Bridlington"],
     ["Hull Magistrates' Court"], ["Hull Crown Court", "Grimsby Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Bedfordshire Police", ["the force"], ["Luton", "Bedford", "Dunstable"],
     ["Luton Magistrates' Court"], ["Luton Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Hertfordshire Constabulary", ["Herts Police", "the force"],
     ["Watford", "St Albans", "Stevenage", "Hemel Hempstead"],
     ["St Albans Magistrates' Court"], ["St Albans Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Surrey Police", ["the force"], ["Guildford", "Woking", "Staines", "Redhill"],
     ["Guildford Magistrates' Court", "Staines Magistrates' Court"], ["Guildford Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Cambridgeshire Constabulary", ["Cambridgeshire Police", "the force"],
     ["Cambridge", "Peterborough", "Huntingdon", "Wisbech"],
     ["Cambridge Magistrates' Court", "Peterborough Magistrates' Court"],
     ["Cambridge Crown Court", "Peterborough Crown Court"],
     "Professional Standards Department", "PSD"),
    ("City of London Police", ["the force"], ["the Square Mile", "Bishopsgate", "Moorgate"],
     ["City of London Magistrates' Court"], ["Southwark Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Derbyshire Constabulary", ["Derbyshire Police", "the force"],
     ["Derby", "Chesterfield", "Buxton", "Ilkeston"],
     ["Derby Magistrates' Court", "Chesterfield Magistrates' Court"], ["Derby Crown Court"],
     "Professional Standards Department", "PSD"),
    ("Wiltshire Police", ["the force"], ["Swindon", "Salisbury", "Chippenham", "Trowbridge"],
     ["Swindon Magistrates' Court"], ["Swindon Crown Court", "Salisbury Crown Court"],
     "Professional Standards Department", "PSD"),
]
MET_FORCE = FORCES[0]
# Forces other than the Met are drawn with these weights (the Met is half of all articles).
FORCE_WEIGHTS = [4, 4, 3, 3, 3, 3, 3, 3, 2, 3, 2, 3, 3, 2, 2, 2, 3, 2, 2, 1, 2, 1, 1, 1, 1, 1, 1,
                 1, 1, 1, 1, 1, 1, 1]

MET_UNITS = [
    "Central East Command Unit", "Central North Command Unit", "Central South Command Unit",
    "Central West Command Unit", "East Area Command Unit", "North Area Command Unit",
    "North East Command Unit", "North West Command Unit", "South Area Command Unit",
    "South East Command Unit", "South West Command Unit", "West Area Command Unit",
    "Roads and Transport Policing Command", "Parliamentary and Diplomatic Protection",
    "Royalty and Specialist Protection", "Specialist Firearms Command",
    "Counter Terrorism Command", "Territorial Support Group",
]
MET_UNIT_AREAS = {
    "Central East Command Unit": "Hackney and Tower Hamlets",
    "Central North Command Unit": "Camden and Islington",
    "Central South Command Unit": "Lambeth and Southwark",
    "Central West Command Unit": "Westminster, Kensington and Chelsea, and Hammersmith and Fulham",
    "East Area Command Unit": "Havering, Redbridge and Barking and Dagenham",
    "North Area Command Unit": "Enfield and Haringey",
    "North East Command Unit": "Newham and Waltham Forest",
    "North West Command Unit": "Barnet, Brent and Harrow",
    "South Area Command Unit": "Bromley, Croydon and Sutton",
    "South East Command Unit": "Bexley, Greenwich and Lewisham",
    "South West Command Unit": "Kingston, Merton, Richmond and Wandsworth",
    "West Area Command Unit": "Ealing, Hillingdon and Hounslow",
}
FORCE_UNITS = [
    "Roads Policing Unit", "Tactical Aid Unit", "response team", "neighbourhood policing team",
    "Criminal Investigation Department", "Operational Support Unit", "custody team",
    "Public Protection Unit", "Dog Section", "Firearms Support Unit", "Child Abuse Investigation Team",
]

MALE = ["James", "Daniel", "Liam", "Ryan", "Thomas", "Craig", "Mark", "Stuart", "Paul", "Kieran",
        "Jordan", "Owen", "Lewis", "Adam", "Simon", "Gareth", "Wayne", "Darren", "Jamie", "Callum",
        "Connor", "Harry", "Oliver", "Michael", "David", "Andrew", "Matthew", "Scott", "Neil",
        "Imran", "Tariq", "Kwame", "Rajesh", "Piotr", "Declan", "Aled", "Rhys", "Ewan", "Nathan",
        "Jason", "Lee", "Gavin", "Dominic", "Samuel", "Ben", "Joseph", "Luke", "Aaron", "Karl",
        "Marcus"]
FEMALE = ["Sarah", "Emma", "Rosa", "Hannah", "Megan", "Laura", "Rachel", "Helen", "Gail", "Naomi",
          "Priya", "Aoife", "Victoria", "Charlotte", "Jessica", "Amy", "Natalie", "Claire",
          "Louise", "Kirsty", "Zara", "Aisha", "Nadia", "Chloe", "Lucy", "Sophie", "Rebecca",
          "Joanne", "Kerry", "Fiona", "Siobhan", "Bethan", "Ffion", "Imogen", "Karen", "Deborah",
          "Anita", "Grace", "Olivia", "Eleanor"]
SURNAMES = ["Corrigan", "Ellery", "Lindqvist", "Birchall", "Akers", "Molyneux", "Ridings",
            "Oyelaran", "Lemm", "Doyle", "Tolley", "Stroud", "Hennessey", "Okonjo", "Marsh",
            "Farrant", "Whitlock", "Castell", "Ashdown", "Pemberton", "Rawcliffe", "Whitlow",
            "Oduya", "Thackeray", "Brennan", "Penhaligon", "Qadir", "Grieve", "Osei", "Crewe",
            "Toomey", "Baptiste", "Mand", "Kareem", "Harrower", "Blackwood", "Fairclough",
            "Gallagher", "Henshaw", "Ingram", "Jessop", "Kowalski", "Lythgoe", "McAllister",
            "Nuttall", "Ormerod", "Prendergast", "Quinlan", "Rashid", "Sandhu", "Tranter",
            "Underwood", "Vaughan", "Wardle", "Yeomans", "Ashworth", "Boateng", "Chaudhry",
            "Dunmore", "Entwistle", "Fenwick", "Greenhalgh", "Hollis", "Iqbal", "Jowett",
            "Kettle", "Lomax", "Mwangi", "Nolan", "Oakes", "Pritchard", "Radcliffe", "Summers",
            "Thornton", "Upton", "Varley", "Wilde", "Atherton", "Bramley", "Cartwright",
            "Dempsey", "Eastwood", "Fitzgerald", "Garside", "Holroyd", "Ibbotson", "Kenyon",
            "Langley", "Metcalfe", "Norris", "Osborne", "Pickering", "Redfern", "Sheridan",
            "Townsend", "Walmsley", "Adeyemi", "Bhatti", "Carver", "Devlin"]

# rank, abbreviations used in running text, weight
RANKS = [
    ("Police Constable", ["PC"], 40),
    ("Detective Constable", ["DC"], 8),
    ("Trainee Detective Constable", ["TDC"], 1),
    ("Sergeant", ["Sergeant", "Sgt", "PS"], 12),
    ("Detective Sergeant", ["DS", "Det Sgt"], 5),
    ("Inspector", ["Inspector", "Insp"], 4),
    ("Detective Inspector", ["DI", "Det Insp"], 2),
    ("Chief Inspector", ["Chief Inspector", "Ch Insp"], 1),
    ("Detective Chief Inspector", ["DCI"], 1),
    ("Police Community Support Officer", ["PCSO"], 5),
    ("Special Constable", ["Special Constable", "SC"], 2),
]
RANK_WEIGHTS = [r[2] for r in RANKS]
RANK_NOUN = {
    "Police Constable": "constable", "Detective Constable": "detective constable",
    "Trainee Detective Constable": "trainee detective", "Sergeant": "sergeant",
    "Detective Sergeant": "detective sergeant", "Inspector": "inspector",
    "Detective Inspector": "detective inspector", "Chief Inspector": "chief inspector",
    "Detective Chief Inspector": "detective chief inspector",
    "Police Community Support Officer": "PCSO", "Special Constable": "special constable",
}

SENIOR_CHAIRS = [  # (rank as written in full, short form) for accelerated hearings
    ("Chief Constable", "Chief Constable"), ("Deputy Chief Constable", "DCC"),
    ("Assistant Chief Constable", "ACC"),
]
MET_SENIOR_CHAIRS = [
    ("Commander", "Commander"), ("Assistant Commissioner", "Asst Comm"),
    ("Deputy Assistant Commissioner", "DAC"),
]
SUPERS = [("Superintendent", "Supt"), ("Chief Superintendent", "Ch Supt"),
          ("Detective Superintendent", "Det Supt"),
          ("Detective Chief Superintendent", "Det Ch Supt")]

STANDARDS = ["honesty and integrity", "authority, respect and courtesy",
             "equality and diversity", "use of force", "orders and instructions",
             "duties and responsibilities", "confidentiality", "fitness for work",
             "discreditable conduct", "challenging and reporting improper conduct"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

SITES = [
    ("The Havering Daily", "haveringdaily.example"), ("Wirral Daily Online", "wirraldaily.example"),
    ("Birmingham & Solihull News", "bsnews.example"), ("The Northern Echo Digital", "necho.example"),
    ("South London Press Online", "slpress.example"), ("Kent Live Today", "kentlive.example"),
    ("Leeds Evening Post", "leedspost.example"), ("The Bristol Observer", "bristolobs.example"),
    ("Police Oversight Watch", "oversightwatch.example"), ("Newsroom UK", "newsroomuk.example"),
    ("Coastal Courier", "coastalcourier.example"), ("The Valleys Herald", "valleysherald.example"),
    ("Force Press Office", "police-news.example"), ("IOPC news", "oversight-news.example"),
]

# --------------------------------------------------------------------------------------------
# Incidents: what happened, with how it is told
# --------------------------------------------------------------------------------------------

# key: (headline phrase, lead phrase, standards, criminal offence or None, narrative templates)
INCIDENTS = [
    ("racist messages", "sent racist and misogynistic messages in a WhatsApp group",
     ["equality and diversity", "discreditable conduct", "authority, respect and courtesy"], None,
     ["Between {y0} and {y1}, {ref} sent more than {n} messages in a group chat used by officers on {his} team that were offensive about Black and Muslim people and about women.",
      "The messages came to light when a colleague showed them to a supervisor in {month_y}. Several of them referred to members of the public {he} had dealt with on duty.",
      "The group, which had been set up to share shift information, had been used for months to post jokes about race, religion and disability, the panel heard."]),
    ("punching a handcuffed man", "punched a handcuffed man in the back of a police van",
     ["use of force", "honesty and integrity", "discreditable conduct"], None,
     ["The man, who was {age2}, had been detained outside a bar in {place} in {month_y} and was handcuffed when {ref} struck him twice in the face.",
      "Body-worn video showed the man posed no threat at the time. {Ref} later wrote an account of the arrest that left the blows out.",
      "A custody sergeant noticed the man's injuries when he arrived at the station and raised the alarm."]),
    ("relationship with vulnerable woman", "pursued a sexual relationship with a vulnerable woman {he} met while on duty",
     ["discreditable conduct", "authority, respect and courtesy", "duties and responsibilities"], None,
     ["{Ref} first met the woman, who was in her 20s and had been reported missing several times, when {he} helped to return her home in {month_y}.",
      "Over the following months {he} sent her more than {n} messages, some of a sexual nature, and visited her flat while off duty.",
      "Abuse of position for a sexual purpose is regarded by the police inspectorate as the most serious form of corruption in policing."]),
    ("drink-driving crash", "crashed {his} car while more than twice the drink-drive limit",
     ["discreditable conduct"], "driving with excess alcohol",
     ["{Ref} was off duty when {he} lost control of {his} car in {place} in the early hours of {incident_date}.",
      "A roadside breath test showed {he} had {n} micrograms of alcohol in 100 millilitres of breath, more than twice the legal limit. {He} was arrested at the scene.",
      "Nobody else was hurt in the crash, although a garden wall and a parked van were badly damaged."]),
    ("theft from lost property", "stole cash and a watch from lost property",
     ["honesty and integrity", "discreditable conduct"], "theft",
     ["{Ref} took the items, which had been handed in by members of the public, on two occasions in {month_y}.",
      "The thefts came to light when a colleague noticed discrepancies in the property log at {place} and reported them to a supervisor.",
      "A search of {his} locker found £{n}0 in cash in an envelope marked with a property reference."]),
    ("misuse of police systems", "looked up people {he} knew on police computer systems without a policing purpose",
     ["confidentiality", "orders and instructions", "discreditable conduct"], None,
     ["An audit of the force's intelligence systems found that {ref} had carried out {n} searches on family members, a former partner and neighbours between {y0} and {y1}.",
      "None of the searches was linked to any investigation {he} was working on, the panel heard.",
      "{Ref} told investigators {he} had been curious and had not shared what {he} found with anyone."]),
    ("failures in stalking case", "failed to investigate a woman's repeated reports of stalking",
     ["duties and responsibilities"], None,
     ["The woman, from {place}, contacted police {n2} times over a five-week period in {y0} about a former partner who was following her and turning up at her workplace.",
      "No crime report was created for several of those calls, and the case was closed without anyone speaking to the victim.",
      "The former partner was later convicted of stalking."]),
    ("assault on partner", "assaulted {his} partner at their home",
     ["discreditable conduct", "authority, respect and courtesy"], "assault by beating",
     ["The assault happened at the couple's home in {place} on {incident_date}, when {ref} was off duty.",
      "The woman called 999 and officers who attended found her with injuries to her face and arms. {Ref} was arrested the same night.",
      "{He} was immediately suspended from duty while the investigation took place."]),
    ("sharing crime scene images", "shared photographs of a crime scene on social media",
     ["confidentiality", "discreditable conduct", "authority, respect and courtesy"], None,
     ["{Ref} took the photographs while guarding a cordon in {place} in {month_y} and sent them to friends, one of whom posted them online.",
      "The family of the victim saw the images before they had been formally told of the death.",
      "The panel heard the photographs were shared more than {n} times before they were taken down."]),
    ("failure to challenge colleagues", "failed to challenge offensive remarks made by colleagues",
     ["challenging and reporting improper conduct", "duties and responsibilities"], None,
     ["The remarks were made in a patrol car and in the station canteen in {place} over several months in {y0}.",
      "A probationer who heard them reported them to a supervisor, who passed them to the professional standards department.",
      "None of the officers present had challenged the remarks or reported them, the investigation found."]),
    ("explicit images sent from work phone", "used a work phone to send explicit images while on duty",
     ["discreditable conduct", "orders and instructions"], None,
     ["Between {month_y0} and {month_y}, {ref} sent {n} explicit photographs from {his} force-issued mobile phone, several of them taken while on duty.",
      "The messages were discovered during a routine check of the device.",
      "The images were sent to consenting adults, and no criminal offence was committed, the panel heard."]),
    ("falsified custody checks", "recorded custody checks that had not been carried out",
     ["honesty and integrity", "duties and responsibilities", "orders and instructions"], None,
     ["A man who had swallowed drugs was found unresponsive in his cell at {place} custody centre in {month_y}, several hours after he should have been checked.",
      "CCTV showed that nobody had entered the cell for more than {n2} hours, although the custody log recorded checks every half hour.",
      "The man spent nine days in hospital before making a full recovery."]),
    ("dishonest sickness absence", "went on holiday while signed off sick",
     ["honesty and integrity", "fitness for work", "discreditable conduct"], None,
     ["{Ref} told supervisors {he} was too unwell to work during a period of sick leave in {month_y}, but photographs on social media showed {him} at a music festival.",
      "{He} later admitted working shifts as a door supervisor at a nightclub in {place} while on sick leave.",
      "The panel heard {he} had been paid £{n}0 in sick pay over the period."]),
    ("drug use", "tested positive for cocaine",
     ["fitness for work", "discreditable conduct"], "possession of a controlled drug",
     ["{Ref} failed a random drugs test at work in {month_y}.",
      "A search of {his} home in {place} later found a small quantity of cocaine.",
      "{He} told the hearing {he} had taken the drug at a party while off duty and regretted it deeply."]),
    ("harassment of colleague", "sexually harassed a female colleague",
     ["authority, respect and courtesy", "equality and diversity", "discreditable conduct"], None,
     ["Over a period of {n2} months in {y0}, {ref} made repeated comments about a junior colleague's appearance and sent her unwanted messages late at night.",
      "The colleague reported {his} behaviour to her line manager after {he} followed her to her car at the end of a shift.",
      "Other officers on the team told investigators they had seen the behaviour but had not known how to report it."]),
    ("leaking information", "passed confidential police information to a friend",
     ["confidentiality", "honesty and integrity"], "misconduct in public office",
     ["{Ref} told a friend in {month_y} that police were about to search an address in {place}, the court heard.",
      "The friend warned the occupant, and the search found nothing.",
      "Messages recovered from {his} phone showed {he} had passed on information on at least {n2} occasions."]),
    ("excessive use of Taser", "used a Taser on a man who posed no threat",
     ["use of force", "authority, respect and courtesy"], None,
     ["The man was walking away from officers in {place} on {incident_date} when {ref} fired the Taser at his back.",
      "Footage from a nearby shop showed the man had his hands raised moments before.",
      "The man fell and struck his head on the pavement, needing stitches."]),
    ("failing to attend emergency call", "failed to attend an emergency call from a woman who said she was in danger",
     ["duties and responsibilities", "honesty and integrity"], None,
     ["The call came in from an address in {place} at about {hour}pm on {incident_date}.",
      "{Ref} recorded that {he} had attended and spoken to the woman, but GPS data from {his} vehicle showed it had not moved from the station.",
      "The woman was later assaulted by a former partner, although she survived her injuries."]),
]

OUTCOME_PHRASES = {
    "dismissal without notice": [
        "was dismissed without notice", "was dismissed without notice", "was sacked without notice",
        "was dismissed from the force without notice", "was dismissed with immediate effect"],
    "would have been dismissed": [
        "would have been dismissed had {he} still been serving",
        "would have been dismissed without notice had {he} not already resigned",
        "would have been sacked if {he} were still a serving officer",
        "would have faced dismissal without notice had {he} still been in the force"],
    "final written warning": [
        "was given a final written warning", "received a final written warning",
        "was issued with a final written warning", "was handed a final written warning"],
    "written warning": ["was given a written warning", "received a written warning",
                        "was issued with a written warning"],
    "reduction in rank": ["was reduced in rank", "was demoted", "was given a reduction in rank"],
    "management action": ["was given management action", "received management action",
                          "will receive management action"],
    "reflective practice": ["was referred to the reflective practice review process",
                            "will undergo reflective practice"],
    "no further action": ["faced no further action", "will face no further action"],
}
OUTCOME_HEAD = {
    "dismissal without notice": ["sacked", "dismissed", "dismissed without notice", "kicked out"],
    "would have been dismissed": ["would have been sacked", "would have been dismissed"],
    "final written warning": ["given final written warning", "handed final warning"],
    "written warning": ["given written warning", "warned"],
    "reduction in rank": ["demoted", "reduced in rank"],
    "management action": ["given management action", "disciplined"],
    "reflective practice": ["told to reflect", "given reflective practice"],
    "no further action": ["cleared", "faces no further action"],
}

# --------------------------------------------------------------------------------------------
# Chrome
# --------------------------------------------------------------------------------------------

HEADERS = [
    "Home | News | Crime | Sport | What's On | Jobs | Property\n{site} > Crime",
    "Skip to main content\n{site}\nHome > News > Latest news",
    "We use cookies to give you the best experience on our website. By continuing to browse you agree to our use of cookies. Accept | Manage settings\n\nMedia Centre > News releases",
    "Menu\nSearch\n{site}\nNews | Local | Politics | Opinion | Sport",
    "BREAKING\n{site}\nCrime & Courts",
    "Subscribe | Sign in\n{site}\nNews > UK News > Police",
]
FOOTERS = [
    "Share this article\nFacebook | X | WhatsApp | Email",
    "Share this article",
    "Share release",
    "Share this page\nBack to news",
    "Related stories\n- {rel1}\n- {rel2}\n- {rel3}",
    "Related news\n- {rel1}\n- {rel2}",
    "More from {site}\n- {rel1}\n- {rel2}",
    "Leave a Reply\nYour email address will not be published. Required fields are marked *",
    "Leave a Reply\n\nThis site uses Akismet to reduce spam. Learn how your comment data is processed.\n\n%d bloggers like this:",
    "Sign up to our newsletter\nGet the latest {town} news delivered straight to your inbox every morning.",
    "Support Local Journalism\n\nWe at {site} appreciate your support of quality journalism. Your generous donation, no matter the size, allows us to continue bringing unbiased and informative news to the community. Thank you for valuing the work we do.",
    "Stay up to date with all of our latest updates and content by following us on our social media accounts!",
    "Cookie settings | Privacy notice | Terms",
    "© {pyear} {site}. All rights reserved.\nContact us | Advertise | Complaints",
    "Notes to editors\n- The Police (Conduct) Regulations 2020 set out the Standards of Professional Behaviour.\n- Misconduct hearings are usually held in public.",
    "Got a story? Email our newsdesk or message us on social media.",
]
RELATED = [
    "{town} man jailed for harassing ex-partner", "Police station counter opening hours cut across the city",
    "Council approves new CCTV cameras for city centre", "Market traders fear for future after rent rise",
    "Investigation begins after man dies following police pursuit", "Officer to face hearing over Taser use",
    "Lido plans back on the table", "Two arrested after late-night disturbance in {town}",
    "Road closed for three weeks for bridge repairs", "School rated outstanding for first time",
    "Chief constable sets out plans to rebuild trust", "New neighbourhood team launched in {town}",
    "Drivers warned of delays as roadworks begin", "Police appeal for witnesses after crash",
    "Police Sergeant Sentence to Death for Extrajudicial Killing",
]

# generic paragraphs that add length without facts (context, process, the wider picture)
FILLERS = [
    "Misconduct hearings are usually held in public, and the outcomes are published on the force's website for 28 days.",
    "Under the Police (Conduct) Regulations 2020, officers found to have committed gross misconduct can be dismissed without notice and placed on the barred list, which prevents them from working in policing again.",
    "The force said it had since reviewed its training and its supervision arrangements, and that the learning from the case had been shared across its teams.",
    "The hearing was told that the officer had an otherwise good record and had received a commendation earlier in {his} career.",
    "Figures published last year showed that hundreds of officers across England and Wales were dismissed following misconduct proceedings, the highest number since records began.",
    "Anyone with concerns about the conduct of a police officer can report them to the force's professional standards department or to the Independent Office for Police Conduct.",
    "The officer can appeal against the outcome to the Police Appeals Tribunal.",
    "The Police Federation, which represented the officer at the hearing, said it would be reviewing the decision with {his} legal team.",
    "The case is one of a number brought by the force in recent months as it seeks to rebuild public confidence after a series of high-profile scandals.",
    "We’re working hard to reestablish public trust and confidence in police officers’ ability to protect and respect them.",
    "Victims' groups welcomed the outcome but said it should not have taken so long for the case to reach a hearing.",
    "The panel considered character references from colleagues, who described the officer as hard-working and reliable.",
    "In mitigation, the hearing heard that the officer had been experiencing personal difficulties at the time, including a relationship breakdown.",
    "The panel said it had taken into account the officer's admissions, which were made at an early stage.",
    "A report by the inspectorate published last year found that vetting and counter-corruption work in many forces was not good enough.",
    "The force has set up a confidential line for officers and staff to report concerns about colleagues.",
    "The hearing heard evidence from {n} witnesses, including two members of the public and a former supervisor, and viewed body-worn video footage from the night in question.",
    "The officer's representative told the panel that {he} had shown genuine insight and remorse, and asked it to consider a lesser sanction.",
    "Residents in {place} said they were shocked by the case. One said: “You expect the police to be the people you can rely on, not the people you have to worry about.”",
    "The force said the officer had been placed on restricted duties while the investigation took place, and had no contact with the public during that time.",
    "The panel said that public confidence in policing would be seriously undermined if the outcome did not reflect the seriousness of the misconduct.",
    "A local councillor said the outcome sent a clear message, but called for more to be done to vet officers before they join and throughout their careers.",
    "The Police and Crime Commissioner said {he_pcc} would be asking the chief constable for assurances that lessons had been learned.",
    "Officers and staff who report wrongdoing by colleagues are supported by the force's professional standards team, which treats every report in confidence.",
    "The hearing was held over {n2} days and heard submissions from both the force's barrister and the officer's legal representative.",
    "The decision comes weeks after the force launched a campaign encouraging members of the public to report concerns about officers' behaviour.",
]

# --------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------


def ordinal(n):
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def fmt_date(r, d, year=True):
    """A date as articles write it, with or without the year."""
    day, mon, yr, wd = d.day, MONTHS[d.month - 1], d.year, DAYS[d.weekday()]
    if year:
        s = r.randrange(8)
        if s < 3:
            return f"{day} {mon} {yr}"
        if s == 3:
            return f"{wd}, {day} {mon} {yr}"
        if s == 4:
            return f"{mon} {day}, {yr}"
        if s == 5:
            return f"{ordinal(day)} {mon} {yr}"
        if s == 6:
            return f"{wd} {day} {mon} {yr}"
        return f"{wd}, {mon} {day}, {yr}"
    s = r.randrange(7)
    if s == 0:
        return f"{wd}, {day} {mon}"
    if s == 1:
        return f"{wd} ({day} {mon})"
    if s == 2:
        return f"{wd}, {mon} {day}"
    if s == 3:
        return f"{wd}, {mon} {ordinal(day)}"
    if s == 4:
        return f"{day} {mon}"
    if s == 5:
        return f"{mon} {day}"
    return f"{wd} {day} {mon}"


class Officer:
    __slots__ = ("first", "last", "male", "rank", "abbr", "designation", "former", "age",
                 "unit", "outcome", "finding", "standards", "mentions")

    def full(self):
        """First mention, with rank."""
        if self.designation:
            return self.designation
        pre = "Former " if self.former else ""
        return f"{pre}{self.abbr} {self.first} {self.last}"

    def ref(self, r):
        """A later mention."""
        if self.designation:
            return self.designation
        s = r.randrange(5)
        if s <= 1:
            return f"{self.abbr} {self.last}"
        if s == 2:
            return self.last
        if s == 3:
            return f"{'Mr' if self.male else 'Ms'} {self.last}"
        return f"{self.abbr} {self.last}" if not self.former else self.last

    def pron(self):
        if self.male:
            return {"he": "he", "He": "He", "his": "his", "His": "His", "him": "him"}
        if self.designation and self.first is None:
            pass
        return {"he": "she", "He": "She", "his": "her", "His": "Her", "him": "her"}


def an(word):
    """The indefinite article for word."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def cap(s):
    return s[:1].upper() + s[1:]


def join_list(items):
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def join_semis(items):
    if len(items) == 1:
        return items[0]
    return "; ".join(items[:-1]) + "; and " + items[-1]


class Gen:
    def __init__(self, seed):
        self.seed = seed

    @staticmethod
    def fresh(r, used):
        while True:
            last = r.choice(SURNAMES)
            if last not in used:
                used.add(last)
                return last

    # ---- the case --------------------------------------------------------------------------

    def article(self, i):
        r = random.Random(self.seed * 1_000_003 + i)
        met = r.random() < 0.5
        force = MET_FORCE if met else r.choices(FORCES[1:], weights=FORCE_WEIGHTS)[0]
        fname, faliases, places, mags, crowns, psd, psd_abbr = force
        inc = r.choice(INCIDENTS)
        head_phrase, lead_phrase, inc_standards, offence, narrative = inc

        # proceeding kind and date
        hearing_date = datetime.date(2018, 1, 1) + datetime.timedelta(days=r.randrange(8 * 365))
        incident_date = hearing_date - datetime.timedelta(days=r.randrange(200, 1000))
        published = hearing_date + datetime.timedelta(days=r.randrange(0, 4))
        criminal = offence is not None and r.random() < 0.85
        nofficers = r.choices([1, 2, 3, 4, 5], weights=[50, 25, 13, 7, 5])[0]
        if criminal:
            nofficers = 1
        if criminal:
            kind = r.choices(["accelerated misconduct hearing", "special case hearing",
                              "misconduct hearing"], weights=[5, 2, 3])[0]
        elif nofficers == 1:
            kind = r.choices(["misconduct hearing", "misconduct meeting",
                              "accelerated misconduct hearing"], weights=[6, 3, 1])[0]
        else:
            kind = r.choices(["misconduct hearing", "misconduct meeting"], weights=[7, 3])[0]
        accelerated = kind in ("accelerated misconduct hearing", "special case hearing")

        # officers
        used = set()
        officers = []
        designated = r.random() < 0.15
        letters = "ABCDE"
        for k in range(nofficers):
            o = Officer()
            o.male = r.random() < 0.72
            rank = r.choices(RANKS, weights=RANK_WEIGHTS)[0]
            o.rank = rank[0]
            o.abbr = r.choice(rank[1])
            if designated:
                o.first = o.last = None
                pre = r.choice(["PC", "Officer", "Sergeant"] if k == 0 else ["PC", "Officer"])
                o.designation = f"{pre} {letters[k]}"
                if pre == "PC":
                    o.rank, o.abbr = "Police Constable", "PC"
                elif pre == "Sergeant":
                    o.rank, o.abbr = "Sergeant", "Sergeant"
            else:
                o.designation = None
                while True:
                    first = r.choice(MALE if o.male else FEMALE)
                    last = r.choice(SURNAMES)
                    if last not in used:
                        break
                used.add(last)
                o.first, o.last = first, last
            o.former = False
            o.age = r.randrange(23, 58) if r.random() < 0.5 else None
            if met:
                o.unit = r.choice(MET_UNITS) if r.random() < 0.8 else None
            else:
                o.unit = r.choice(FORCE_UNITS) if r.random() < 0.5 else None
            if k > 0 and r.random() < 0.6:
                o.unit = officers[0].unit
            o.standards = []
            officers.append(o)

        main = officers[0]
        # outcomes and findings
        court_outcome = None
        if criminal:
            court_outcome = r.choices(["guilty plea", "convicted", "acquitted"], weights=[5, 3, 1])[0]
        if accelerated:
            main.former = r.random() < 0.5
            main.finding = "gross misconduct"
            main.outcome = "would have been dismissed" if main.former else "dismissal without notice"
        elif kind == "misconduct meeting":
            for o in officers:
                o.finding = "misconduct" if r.random() < 0.85 else "not proven"
                o.outcome = (r.choices(["written warning", "final written warning",
                                        "management action", "reflective practice"],
                                       weights=[5, 3, 2, 1])[0]
                             if o.finding == "misconduct" else None)
        else:
            for k, o in enumerate(officers):
                x = r.random()
                if k > 0 and x < 0.12:
                    o.finding, o.outcome = "not proven", None
                elif k > 0 and x < 0.18:
                    o.finding, o.outcome = "no case to answer", None
                elif x < 0.6:
                    o.finding = "gross misconduct"
                    if r.random() < 0.15:
                        o.former = True
                        o.outcome = "would have been dismissed"
                    else:
                        o.outcome = r.choices(["dismissal without notice", "final written warning",
                                               "reduction in rank"], weights=[7, 3, 1])[0]
                else:
                    o.finding = "misconduct"
                    o.outcome = r.choices(["written warning", "final written warning",
                                           "management action"], weights=[4, 3, 2])[0]
        if court_outcome == "acquitted" and main.outcome == "dismissal without notice" and accelerated:
            kind, accelerated = "misconduct hearing", False
        for k, o in enumerate(officers):
            if o.finding in ("gross misconduct", "misconduct"):
                pool = inc_standards if k == 0 else inc_standards + ["challenging and reporting improper conduct", "duties and responsibilities"]
                nstd = r.randint(1, min(3, len(set(pool))))
                o.standards = r.sample(sorted(set(pool)), nstd)

        # chair
        chair = None
        if kind == "misconduct meeting":
            sup = r.choice(SUPERS)
            if r.random() < 0.5:
                chair = (sup[0], sup[1], r.choice(MALE + FEMALE), self.fresh(r, used))
        elif accelerated:
            sc = r.choice(MET_SENIOR_CHAIRS if met else SENIOR_CHAIRS)
            chair = (sc[0], sc[1], r.choice(MALE + FEMALE), self.fresh(r, used))
        elif r.random() < 0.75:
            chair = ("legally qualified chair", "", r.choice(MALE + FEMALE), self.fresh(r, used))

        ctx = {
            "r": r, "i": i, "met": met, "force": force, "fname": fname, "faliases": faliases,
            "place": r.choice(places), "mags": mags, "crowns": crowns, "psd": psd,
            "psd_abbr": psd_abbr, "inc": inc, "officers": officers, "main": main, "kind": kind,
            "accelerated": accelerated, "hearing_date": hearing_date,
            "incident_date": incident_date, "published": published, "criminal": criminal,
            "offence": offence, "court_outcome": court_outcome, "chair": chair,
            "iopc": r.random() < 0.45, "used": used, "cps": criminal or r.random() < 0.15,
        }
        return self.write(ctx)

    # ---- telling it ------------------------------------------------------------------------

    def person(self, c):
        """A first name and surname for someone other than the officers."""
        r = c["r"]
        used = c["used"]
        while True:
            last = r.choice(SURNAMES)
            if last not in used:
                used.add(last)
                return f"{r.choice(MALE + FEMALE)} {last}"

    def fthe(self, c):
        return "the " + c["fname"] if c["met"] or c["fname"].startswith(("British", "City", "Police")) else c["fname"]

    def fposs(self, c):
        return "the Met’s" if c["met"] else f"{c['fname']}'s"

    def fshort(self, c):
        return c["r"].choice(c["faliases"])

    def fill(self, c, o, t):
        r = c["r"]
        p = o.pron()
        d = c["incident_date"]
        y1 = d.year
        return t.format(
            ref=o.ref(r), Ref=cap(o.ref(r)), place=c["place"], n=r.randrange(3, 60),
            n2=r.randrange(3, 9), y0=y1 - 1, y1=y1, month_y=f"{MONTHS[d.month - 1]} {d.year}",
            month_y0=f"{MONTHS[(d.month + 5) % 12]} {d.year - 1}",
            incident_date=fmt_date(r, d, True), age2=r.randrange(18, 60),
            hour=r.randrange(6, 12), **p)

    def headline(self, c):
        r = c["r"]
        main, officers = c["main"], c["officers"]
        head_phrase = c["inc"][0]
        fw = (c['fname'].replace(' Constabulary', '').replace(' Police', '')
              if not c["met"] else r.choice(["Met", "Met Police", "Metropolitan Police"]))
        who = f"{'Former ' if main.former else ''}{fw} officer"
        if len(officers) > 1:
            nums = ["", "", "Two", "Three", "Four", "Five"]
            who = f"{nums[len(officers)]} {fw} officers"
            verb = r.choice(["disciplined", "face action", "found guilty of misconduct"])
        else:
            verb = r.choice(OUTCOME_HEAD.get(main.outcome or "no further action", ["cleared"]))
        t = r.randrange(6)
        if t == 0:
            return f"{who} {verb} over {head_phrase}"
        if t == 1 and len(officers) == 1:
            p = main.pron()
            return f"{who} {verb} after {p['he']} {c['inc'][1].format(**p)}"
        if t == 2:
            return f"{who} {verb} following {c['kind']} over {head_phrase}"
        if t == 3:
            return f"{cap(head_phrase)}: {who} {verb}"
        if t == 4 and not main.designation:
            return f"{main.abbr} {main.first} {main.last} {verb} over {head_phrase}"
        return f"{who} {verb}, {c['kind']} rules"

    def lead(self, c):
        r = c["r"]
        main, officers, fname = c["main"], c["officers"], c["fname"]
        p = main.pron()
        did = c["inc"][1].format(**p)
        art = "An" if fname[0] in "AEIOU" else "A"
        noun = RANK_NOUN[main.rank]
        kind = c["kind"]
        oc = main.outcome
        nums = ["", "one", "two", "three", "four", "five"]
        if len(officers) > 1:
            parts = []
            for o in officers:
                if o.outcome:
                    parts.append(f"{an(RANK_NOUN[o.rank])} {RANK_NOUN[o.rank]} {self.outcome_phrase(c, o)}")
            if not parts:
                parts = ["several officers were found to have a case to answer"]
            t = r.randrange(3)
            if t == 0:
                return cap(join_list(parts)) + f" after {nums[len(officers)]} {fname} officers were investigated over claims that they {did}."
            if t == 1:
                return f"{cap(nums[len(officers)])} officers from {fname} have faced {an(kind)} {kind} after it was alleged that one of them {did}."
            return f"{cap(an(kind))} {kind} has found that {nums[len(officers)]} {fname} officers had cases to answer after a colleague {did}. " + cap(join_list(parts)) + "."
        oph = self.outcome_phrase(c, main) if oc else "was found to have no case to answer"
        former = "former " if main.former else ""
        t = r.randrange(7)
        if t == 0:
            return f"{art} {former}{fname} {noun} who {did} {oph}."
        if t == 1:
            return f"{art} {former}{fname} officer who {did} {oph}, {an(kind)} {kind} has found."
        if t == 2:
            return f"{cap(an(kind))} {kind} has found that {an(former + noun)} {former}{noun} who {did} {oph}."
        if t == 3:
            return f"A serving {noun} {oph} after {an(kind)} {kind} heard that {p['he']} {did}."
        if t == 4:
            return f"{cap(an(former + noun))} {former}{noun} with {fname} {oph} for gross misconduct after it was found that {p['he']} {did}."
        if t == 5 and oph.startswith("was "):
            return f"{art} {fname} officer has been {oph[4:]} after {p['he']} {did}."
        return f"An officer who {did} {oph}."

    def outcome_phrase(self, c, o):
        return c["r"].choice(OUTCOME_PHRASES[o.outcome]).format(**o.pron())

    def unit_phrase(self, c, o):
        r = c["r"]
        u = o.unit
        if u is None:
            return f"{c['fname']}" if r.random() < 0.5 else self.fshort(c)
        if c["met"]:
            t = r.randrange(4)
            if t == 0:
                return f"the {u}"
            if t == 1:
                return f"the Met’s {u}"
            if t == 2 and u in MET_UNIT_AREAS:
                return f"the {u}, which covers {MET_UNIT_AREAS[u]}"
            return f"{u}"
        t = r.randrange(3)
        if t == 0:
            return f"the force's {u}"
        if t == 1:
            return f"{c['fname']}'s {u}"
        return f"the {u} in {c['place']}"

    def intro(self, c):
        """One paragraph per officer (or one for a group), first mention with rank."""
        r = c["r"]
        paras = []
        officers = c["officers"]
        if len(officers) > 1 and r.random() < 0.35 and all(not o.designation for o in officers):
            names = join_list([o.full() if k == 0 else o.full().replace("Former ", "former ")
                               for k, o in enumerate(officers)])
            where = self.unit_phrase(c, officers[0])
            t = r.randrange(3)
            if t == 0:
                paras.append(f"{names}, all attached to {where}, appeared at {an(c['kind'])} {c['kind']} which opened on {fmt_date(r, c['hearing_date'], r.random() < 0.7)}.")
            elif t == 1:
                paras.append(f"The officers, {names}, were serving with {where} at the time.")
            else:
                paras.append(f"{names} faced allegations at {an(c['kind'])} {c['kind']} held by {c['fname']}.")
            return paras
        for o in officers:
            p = o.pron()
            where = self.unit_phrase(c, o)
            age = f", {o.age}," if o.age else ""
            if o.designation:
                t = r.randrange(4)
                if t == 0:
                    paras.append(f"The officer, referred to as {o.designation}, was granted anonymity in the misconduct proceedings and was attached to {where}.")
                elif t == 1:
                    paras.append(f"{cap(an(c['kind']))} {c['kind']} heard a number of allegations against {o.designation}, attached to {where}.")
                elif t == 2:
                    paras.append(f"{o.designation}, {an(RANK_NOUN[o.rank])} {RANK_NOUN[o.rank]} serving with {where}, cannot be named for legal reasons.")
                else:
                    paras.append(f"{o.designation}{age} who was based with {where}, was not named at the hearing.")
                continue
            t = r.randrange(8)
            full = o.full()
            if t == 0:
                paras.append(f"{full}{age} who was attached to {where}, faced the {c['kind']} at the force's headquarters.")
            elif t == 1:
                paras.append(f"{full}{age} was based with {where} when the allegations were made.")
            elif t == 2:
                paras.append(f"{full}, of {where}, admitted the allegations at the start of the {c['kind']}.")
            elif t == 3:
                paras.append(f"The officer, {full}{age or ','} had served with {where} for {r.randrange(2, 20)} years.")
            elif t == 4:
                paras.append(f"{full}{age} who has since resigned but is still attached to {where}, did not attend the hearing.")
            elif t == 5:
                paras.append(f"{full} joined {c['fname']} in {c['hearing_date'].year - r.randrange(2, 15)} and was serving with {where}.")
            elif t == 6:
                paras.append(f"{full}{age} who works in {where}, denied the allegations.")
            else:
                paras.append(f"At the time, {full} was {an(RANK_NOUN[o.rank])} {RANK_NOUN[o.rank]} with {where}.")
        # shorter papers run them together
        if len(paras) > 2 and r.random() < 0.5:
            return [" ".join(paras)]
        return paras

    def narrative(self, c):
        r = c["r"]
        main = c["main"]
        tpls = c["inc"][4]
        k = len(tpls) if r.random() < 0.7 else 2
        sents = [self.fill(c, main, t) for t in tpls[:k]]
        if r.random() < 0.5:
            return [" ".join(sents)]
        return sents

    def court(self, c):
        r = c["r"]
        main = c["main"]
        p = main.pron()
        ref = main.ref(r)
        mags, crowns = r.choice(c["mags"]), r.choice(c["crowns"])
        d = c["incident_date"] + datetime.timedelta(days=r.randrange(20, 150))
        ds = fmt_date(r, d, r.random() < 0.8)
        off = c["offence"]
        oc = c["court_outcome"]
        if oc == "guilty plea":
            t = r.randrange(4)
            if t == 0:
                s = f"On {ds} {p['he']} pleaded guilty at {mags} to {off}."
            elif t == 1:
                s = f"{cap(ref)} admitted {off} when {p['he']} appeared at {mags} on {ds}."
            elif t == 2:
                s = f"{cap(ref)} was charged and appeared at {mags} on {ds}, where {p['he']} entered a guilty plea to {off}."
            else:
                s = f"{cap(ref)} pleaded guilty to {off} at {crowns} on {ds}."
            s += " " + r.choice([f"{p['He']} was fined £{r.randrange(2, 30)}00 and banned from driving for {r.randrange(12, 36)} months.",
                                 f"{p['He']} was given a {r.randrange(6, 24)}-month community order.",
                                 f"{p['He']} was sentenced to {r.randrange(4, 30)} weeks in prison, suspended for two years.",
                                 f"{p['He']} was given a 12-month conditional discharge and ordered to pay £{r.randrange(2, 9)}00 compensation."])
        elif oc == "convicted":
            t = r.randrange(3)
            if t == 0:
                s = f"{cap(ref)} was found guilty of {off} following a trial at {crowns} on {ds}."
            elif t == 1:
                s = f"A jury at {crowns} convicted {ref} of {off} on {ds}."
            else:
                s = f"{cap(ref)} denied {off} but was convicted after a trial at {mags} on {ds}."
            sd = d + datetime.timedelta(days=r.randrange(20, 60))
            s += f" {p['He']} was sentenced on {fmt_date(r, sd, True)} to {r.randrange(6, 30)} months in prison."
        else:
            t = r.randrange(3)
            if t == 0:
                s = f"{cap(ref)} was acquitted of {off} at {crowns} on {ds}."
            elif t == 1:
                s = f"{cap(ref)} was found not guilty of {off} following a trial at {mags} on {ds}."
            else:
                s = f"A jury at {crowns} cleared {ref} of {off} on {ds}, but the force continued with misconduct proceedings."
        return [s]

    def investigation(self, c):
        r = c["r"]
        fname, psd, abbr = c["fname"], c["psd"], c["psd_abbr"]
        main = c["main"]
        ref = main.ref(r)
        sents = []
        inc_month = f"{MONTHS[c['incident_date'].month - 1]} {c['incident_date'].year}"
        if c["iopc"]:
            t = r.randrange(7)
            if t == 0:
                sents.append(f"The case was referred to the Independent Office for Police Conduct (IOPC) by {self.fposs(c)} {psd} in {inc_month}. The IOPC carried out an independent investigation.")
            elif t == 1:
                sents.append(f"The Independent Office for Police Conduct (IOPC) investigated the actions of the officers following a mandatory referral from {self.fthe(c)}.")
            elif t == 2:
                fs = self.fshort(c)
                sents.append(f"{cap(fs) if fs != 'the force' else cap(self.fthe(c))} referred the case to the Independent Office for Police Conduct. They decided that the {psd} would conduct a local investigation.")
            elif t == 3:
                sents.append(f"The matter had been referred to the Independent Office for Police Conduct, which returned it to {self.fthe(c)} to investigate locally.")
            elif t == 4:
                sents.append(f"Following our investigation, we found that {ref} had a case to answer for gross misconduct, the IOPC said.")
            elif t == 5:
                sents.append(f"An investigation by the police watchdog, the IOPC, began in {inc_month} after a complaint from a member of the public.")
            else:
                sents.append(f"The IOPC directed that the investigation be carried out by {self.fposs(c)} {psd}, under its supervision.")
        else:
            t = r.randrange(6)
            if t == 0:
                sents.append(f"The force's {psd} ({abbr}) investigated the matter after being notified of the arrest.")
            elif t == 1:
                sents.append(f"An investigation by the {psd} found {ref} had a case to answer for misconduct.")
            elif t == 2:
                sents.append(f"Officers from {'the Met’s ' if c['met'] else fname + chr(39) + 's '}{psd} continued the misconduct investigation and considered there was a case to answer.")
            elif t == 3:
                sents.append(f"The matter was investigated by {self.fposs(c)} {psd}.")
            elif t == 4:
                sents.append(f"The {abbr} then began an investigation into the officer's conduct.")
            else:
                sents.append(f"{cap(ref)} was suspended following {main.pron()['his']} arrest, and {fname} began a misconduct investigation.")
        if c["cps"]:
            t = r.choice([0, 3, 4]) if c["criminal"] else r.choice([1, 2, 4])
            if t == 0:
                sents.append("A file of evidence was sent to the Crown Prosecution Service (CPS), which authorised the charge.")
            elif t == 1:
                sents.append("A file on the case was submitted to the Crown Prosecution Service (CPS). The CPS reviewed all the evidence and decided the case did not meet the full test code for a criminal prosecution.")
            elif t == 2:
                sents.append(f"At the end of the investigation in {MONTHS[(c['incident_date'].month + 3) % 12]}, a file was passed to the Crown Prosecution Service to consider whether {ref} should face criminal charges.")
            elif t == 3:
                sents.append("The CPS was consulted and authorised charges.")
            else:
                sents.append("The case was passed to the Crown Prosecution Service, which decided in the following year not to bring criminal charges." if not c["criminal"] else "Prosecutors from the Crown Prosecution Service authorised the charge the same day.")
        return [" ".join(sents)] if r.random() < 0.6 else sents

    def chair_phrase(self, c, first=True):
        ch = c["chair"]
        if ch is None:
            return None
        title, short, first_n, last_n = ch
        if title == "legally qualified chair":
            return f"legally qualified chair {first_n} {last_n}" if first else last_n
        return f"{title} {first_n} {last_n}" if first else f"{short} {last_n}"

    def proceeding(self, c):
        r = c["r"]
        kind = c["kind"]
        d = c["hearing_date"]
        ds = fmt_date(r, d, r.random() < 0.65)
        ch = self.chair_phrase(c)
        ref = c["main"].ref(r)
        chair_cl = f", chaired by {ch}," if ch else ""
        t = r.randrange(10)
        if t == 0:
            s = f"The {kind}{chair_cl} was held on {ds}."
        elif t == 1:
            s = f"On {ds}, {an(kind)} {kind} was held{', presided over by ' + ch if ch else ''}."
        elif t == 2:
            s = f"At {an(kind)} {kind} which concluded on {ds}, a panel{' chaired by ' + ch if ch else ''} found the allegations proven."
        elif t == 3:
            s = f"{cap(ref)} appeared at a {r.choice(['two-day', 'three-day', 'one-day', 'five-day'])} {kind} which opened on {ds}."
        elif t == 4:
            s = f"The {kind} on {ds} was told {c['main'].pron()['he']} {c['inc'][1].format(**c['main'].pron())}."
        elif t == 5:
            s = f"The {kind}, held at {c['fname']} headquarters on {ds}, was {('chaired by ' + ch) if ch else 'held in public'}."
        elif t == 6:
            s = f"{cap(an(kind))} {kind} took place on {ds}{', chaired by ' + ch if ch else ''}."
        elif t == 7:
            s = f"Following {an(kind)} {kind} on {ds}, {ref} was found to have breached the Standards of Professional Behaviour."
        elif t == 8:
            s = f"The panel, {('chaired by ' + ch) if ch else 'led by an independent legally qualified chair'}, heard the case on {ds}."
        else:
            s = f"{cap(ref)} faced {an(kind)} {kind} on {ds}{', before ' + ch if ch else ''}."
        return [s]

    def findings(self, c):
        r = c["r"]
        officers = c["officers"]
        paras = []
        bullets = len(officers) > 1 and r.random() < 0.5
        lines = []
        for o in officers:
            ref = o.ref(r)
            p = o.pron()
            sents = []
            if o.finding in ("gross misconduct", "misconduct"):
                std = o.standards
                t = r.randrange(6)
                if t == 0:
                    sents.append(f"The panel found {ref}'s conduct amounted to {o.finding} and breached the standards of {join_list(std)}.")
                elif t == 1:
                    sents.append(f"{cap(ref)} was found to have breached the standards of professional behaviour relating to {join_semis(std)} at the level of {o.finding}.")
                elif t == 2:
                    sents.append(f"The allegations against {ref} were proven at the level of {o.finding}.")
                    sents.append(f"The panel found {ref} breached police standards of professional behaviour in relation to {join_list(std)}.")
                elif t == 3:
                    sents.append(f"It was found that {ref} had committed {o.finding}, in breach of the standard{'s' if len(std) > 1 else ''} of {join_list(std)}.")
                elif t == 4:
                    sents.append(f"{cap(ref)}'s actions amounted to {o.finding}. {p['He']} breached the Standards of Professional Behaviour in respect of {join_list(std)}.")
                else:
                    if not bullets and len(std) > 1:
                        sents.append(f"The panel found {ref} had breached the Standards of Professional Behaviour relating to:\n\n" + "\n".join("• " + cap(s) for s in std) + f"\n\nThe allegations were proven at the level of {o.finding}.")
                    else:
                        sents.append(f"{cap(ref)} was found to have committed {o.finding} and breached the standard of {join_list(std)}.")
            elif o.finding == "not proven":
                sents.append(r.choice([f"The allegation against {ref} was found not proven.",
                                       f"The panel found the allegations against {ref} not proven.",
                                       f"{cap(ref)} faced an allegation that {p['he']} failed to report the incident. The panel found the allegation not proven."]))
            elif o.finding == "no case to answer":
                sents.append(f"An allegation against {ref} was dismissed after the panel accepted a submission that there was no case to answer.")
            if o.outcome:
                op = self.outcome_phrase(c, o)
                t = r.randrange(5)
                if t == 0:
                    sents.append(f"{p['He']} {op}.")
                elif t == 1:
                    sents.append(f"{cap(ref)} {op}.")
                elif t == 2 and o.outcome == "dismissal without notice":
                    sents.append(f"After hearing all the evidence the panel determined that {ref} should be dismissed without notice.")
                elif t == 3 and o.outcome == "would have been dismissed":
                    sents.append(f"It was determined that if {ref} had still been a member of the police force, {p['he']} would have been fired without notice.")
                elif t == 3 and o.outcome == "final written warning":
                    sents.append(f"The chair determined that a final written warning is the most appropriate outcome for {ref}.")
                else:
                    sents.append(f"{cap(ref)} {op}, the panel decided.")
            line = " ".join(sents)
            lines.append(line)
        if bullets:
            bullet = r.choice(["• ", "- "])
            intro = r.choice(["The panel found that:", "The panel found:", "The outcomes were as follows:"])
            paras.append(intro + "\n\n" + "\n".join(bullet + l for l in lines))
        else:
            paras.extend(lines)
        return paras

    def quote(self, c):
        r = c["r"]
        main = c["main"]
        ref = main.ref(r)
        fname = c["fname"]
        sup = r.choice(SUPERS)
        who_first = f"{sup[0]} {self.person(c)}"
        unit = main.unit if main.unit and (c["met"] or r.random() < 0.5) else None
        t = r.randrange(9)
        body1 = r.choice([
            f"“{cap(ref)}’s behaviour was disgraceful and is contrary to everything the decent officers and staff of {self.fthe(c)} stand for.",
            f"“The public rightly expect officers to uphold the law, on duty and off, and {ref} fell far short of that.",
            "“This officer betrayed their role as a police officer and their oath to uphold the law.",
            "“Officers are entitled to use force only when it is necessary, proportionate and reasonable.",
            "“There is absolutely no place in policing for behaviour like this.",
            "“We will not hesitate to act when officers let the public down.",
            f"“I want to thank the colleague who reported {ref}’s behaviour. That is exactly the culture we want.",
        ])
        body2 = r.choice([
            "We are determined to root out officers who are not fit to wear the uniform and serve the public.”",
            "I hope today’s outcome shows the public that we will act when officers let them down.”",
            "The overwhelming majority of our officers do a difficult job with integrity every single day.”",
            "The learning from this case has been shared across our teams.”",
            "Trust and confidence are hard won and easily lost.”",
        ])
        if t == 0:
            return [f"{who_first}, who leads {('the ' + unit) if unit else 'professional standards at ' + self.fthe(c)}, said: {body1}", body2]
        if t == 1:
            return [f"{body1}” said {who_first}, head of {self.fposs(c)} {c['psd']}.", "“" + body2]
        if t == 2:
            dtitle = r.choice(["Regional Director", "Director", "Director of Operations"])
            return [f"IOPC {dtitle} {self.person(c)} said: {body1} {body2}"]
        if t == 3 and c["chair"]:
            return [f"{self.chair_phrase(c, False)} said {ref}'s conduct was “the aggravating feature that made any lesser outcome impossible”."]
        if t == 4 and c["chair"] and c["chair"][0] != "legally qualified chair":
            return [f"“In my view, after very careful consideration of the circumstances in this case, the outcome is the appropriate one,” {self.chair_phrase(c, False)} concluded."]
        if t == 5:
            return [f"In response, {self.fshort(c)} said: ‘{body1[1:]} ‘{body2[:-1]}’"]
        if t == 6:
            return [f"{who_first} of the {c['psd']} said: \"{body1[1:]} {body2[:-1]}\""]
        if t == 7:
            role = r.choice(["chair of the Police Federation branch", "a spokesperson for the Police and Crime Commissioner", "a former chief crown prosecutor"])
            return [f"“We expect a higher standard from our protectors,” said {self.person(c)}, {role}."]
        return [f"Speaking after the hearing, {who_first} said: {body1}", "“" + body2]

    def barred(self, c):
        r = c["r"]
        outs = [o for o in c["officers"] if o.outcome in ("dismissal without notice", "would have been dismissed")]
        if not outs:
            return []
        o = outs[0]
        ref = o.ref(r)
        return [r.choice([
            f"{cap(ref)} will be placed on the College of Policing barred list.",
            f"{cap(ref)} will now be added to the barred list held by the College of Policing. Those appearing on the list cannot be employed by police, local policing bodies or the Independent Office for Police Conduct.",
            f"{o.pron()['He']} will be added to the barred list, preventing {o.pron()['him']} from working in policing again.",
            "The College of Policing will add the officer's name to the barred list.",
        ])]

    def write(self, c):
        r = c["r"]
        i = c["i"]
        site, host = r.choice(SITES)
        town = c["place"]
        title = self.headline(c)
        paras = []
        if r.random() < 0.55:
            paras.append(r.choice(HEADERS).format(site=site))
        paras.append(title)
        if r.random() < 0.35:
            paras.append(r.choice([f"By {self.person(c)}, Crime Reporter",
                                   f"Published: {fmt_date(r, c['published'], True)}",
                                   f"By {self.person(c)}\n{fmt_date(r, c['published'], True)}",
                                   "Press release"]))
        paras.append(self.lead(c))
        paras.extend(self.intro(c))
        paras.extend(self.narrative(c))
        if c["criminal"]:
            paras.extend(self.court(c))
        body = [self.investigation(c), self.proceeding(c)]
        if r.random() < 0.3:
            body.reverse()
        for b in body:
            paras.extend(b)
        paras.extend(self.findings(c))
        if r.random() < 0.6:
            paras.extend(self.barred(c))
        for _ in range(r.choices([1, 2, 3], weights=[2, 4, 3])[0]):
            paras.extend(self.quote(c))
        for f in r.sample(FILLERS, r.choice([3, 3, 4, 5, 5, 6])):
            paras.append(f.format(place=c["place"], n=r.randrange(3, 9), n2=r.randrange(2, 6),
                                  he_pcc=r.choice(["he", "she"]), **c["main"].pron()))
        nfoot = r.choices([0, 1, 2, 3], weights=[3, 3, 3, 2])[0]
        for f in r.sample(FOOTERS, nfoot):
            rel = r.sample(RELATED, 3)
            paras.append(f.format(site=site, town=town, pyear=c["published"].year,
                                  rel1=rel[0].format(town=town), rel2=rel[1].format(town=town),
                                  rel3=rel[2].format(town=town)))
        sep = "\n\n" if r.random() < 0.8 else "\n"
        text = sep.join(paras) + "\n"
        slug = "-".join(w for w in "".join(ch if ch.isalnum() else " " for ch in title.lower()).split()[:9])
        url = f"https://www.{host}/news/{c['published'].year}/{slug}-{i:07d}"
        return {"text": text, "url": url, "title": title, "published": c["published"].isoformat()}


ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "•": "-", "£": "GBP ",
                       "–": "-", "—": "-", "©": "(c)"})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--count", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("-o", "--output", default="-", help="JSON Lines file to write (default stdout)")
    ap.add_argument("--txt-dir", help="also write each article's text to DIR/NNNNNNN.txt")
    ap.add_argument("--ascii", action="store_true",
                    help="straight quotes, '-' bullets and 'GBP' instead of ’ “ ” ‘ • £ (pure ASCII text)")
    ap.add_argument("--meta", help="also write a JSON summary (articles, bytes, seed, seconds) to this file")
    ap.add_argument("--start", type=int, default=0, help="index of the first article (default 0)")
    args = ap.parse_args()
    gen = Gen(args.seed)
    t0 = time.monotonic()
    out = sys.stdout if args.output == "-" else open(args.output + ".part", "w", encoding="utf-8")
    if args.txt_dir:
        os.makedirs(args.txt_dir, exist_ok=True)
    nbytes = 0
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    for i in range(args.start, args.start + args.count):
        a = gen.article(i)
        if args.ascii:
            a["text"] = a["text"].translate(ASCII)
            a["title"] = a["title"].translate(ASCII)
        out.write(dumps(a))
        out.write("\n")
        nbytes += len(a["text"].encode("utf-8"))
        if args.txt_dir:
            with open(os.path.join(args.txt_dir, f"{i:07d}.txt"), "w", encoding="utf-8") as f:
                f.write(a["text"])
    if out is not sys.stdout:
        out.close()
        os.replace(args.output + ".part", args.output)
    dt = time.monotonic() - t0
    if args.meta:
        with open(args.meta, "w", encoding="utf-8") as f:
            json.dump({"articles": args.count, "text_bytes": nbytes, "seed": args.seed,
                       "ascii": args.ascii, "start": args.start, "seconds": round(dt, 3),
                       "file_bytes": os.path.getsize(args.output) if args.output != "-" else None},
                      f)
            f.write("\n")
    print(f"gen_corpus: {args.count} articles, {nbytes / 1e6:.1f} MB of text "
          f"({nbytes / max(args.count, 1):.0f} B/article), seed {args.seed}, {dt:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
