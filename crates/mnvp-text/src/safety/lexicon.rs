//! The cue lexicon: what disclosures sound like in maternity and neonatal feedback.
//!
//! Written from safeguarding practice (NICE and RCM guidance on asking about domestic
//! abuse and perinatal mental health, and how people describe coercive control, suicidal
//! thoughts, neglect and unsafe care) rather than learnt from data, so that every rule can
//! be read and challenged by an MNVP lead. Patterns use the language in `cues.rs`.

use super::Category;

/// How a cue contributes to a detection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Raises the category on its own.
    Fixed(Category),
    /// A named topic ("domestic abuse", "suicide") that may be talk about services or
    /// policy rather than a disclosure; cancelled next to words like "posters" or "asked".
    Topic(Category),
    /// The category depends on who and what else the sentence mentions.
    Context(Ctx),
    /// A failure in care ("ignored", "sent home"): patient safety only with a harm nearby.
    Failure,
    /// A harm or deterioration ("sepsis", "stopped breathing"): patient safety only with a
    /// failure nearby; harm alone is often good care ("sepsis was spotted quickly").
    Harm,
    /// Drugs, alcohol or signs of neglect at home ("never any food in the house", "he is
    /// left on his own"): child risk only in a sentence that mentions a child.
    NearChild,
}

/// Context rules for cues whose category depends on the rest of the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ctx {
    /// Not feeling safe: housing → other risk, a child → child risk, a partner → domestic
    /// abuse, otherwise other risk.
    Unsafe,
    /// Violence: a child mentioned → child risk; otherwise domestic abuse.
    Violence,
    /// Threats to harm: a partner or family member → domestic abuse; otherwise other risk.
    Threat,
    /// A baby dropped or falling: child risk, and patient safety when staff are mentioned.
    Dropped,
    /// A fall: a baby falling → child risk; otherwise an in-care fall → patient safety.
    Fall,
}

use Category::{
    ChildRisk as CR, DomesticAbuse as DA, OtherRisk as OR, PatientSafety as PS, SelfHarm as SH,
};
use Class::{Context, Failure, Fixed, Harm, NearChild, Topic};

/// Every cue: its class and pattern.
pub(crate) const CUES: &[(Class, &str)] = &[
    // ---------------------------------------------------------------- self-harm
    (Topic(SH), "suicid*"),
    (Topic(SH), "(sucid*|suicdal|suiside*)"),
    (Topic(SH), "self ~1 (harm*|injur*)"),
    (Fixed(SH), "selfharm*"),
    (Fixed(SH), "(hurt*|harm*|cut*|kill*|injur*|hang*|burn*|scratch*|punish*|starv*|drown*) (myself|meself|my self)"),
    (Fixed(SH), "(want*|urge|urges) to (hurt|harm|cut|kill|punish) me"),
    (Fixed(SH), "!(the|at|by|near) (end|ending|ended) ~2 (it all|my life|my own life|everything|things|it)"),
    (Fixed(SH), "(take|taking|took) (my own life|my life)"),
    (Fixed(SH), "not ~2 (want*|wish) ~2 (be here|live|be alive|wake up|exist|carry on|go on)"),
    (Fixed(SH), "(and|to) (not|never) (wake|waking) up"),
    (Fixed(SH), "(want*|wish*|rather|better) ~3 (die|dead|disappear*|not here|not around|not exist|not be here)"),
    (Fixed(SH), "better off (without me|dead|if i|with someone else)"),
    (Fixed(SH), "(everyone|everybody|family|baby|kids|husband|partner|they) ~2 (better off|happier|easier|better) ~2 (without me|if i|with someone else)"),
    (Fixed(SH), "(everyone|everybody|my family) ~3 better off"),
    (Fixed(SH), "easier for (everyone|everybody)"),
    (Fixed(SH), "(nobody|no one) would (notice|care|miss*) ~3 (gone|if i|me)"),
    (Fixed(SH), "(if|when) i (was|were|am) gone"),
    (Fixed(SH), "(a|such a|the) burden ~2 (to|on|for) (everyone|everybody|my|them|you)"),
    (Fixed(SH), "deserves ~1 (a better|better) (mum|mother|mam|mom|parent|dad|father)"),
    (Fixed(SH), "(can not) ~1 (go on|carry on) (like this|anymore|any more|living|no more)"),
    (Fixed(SH), "(can not) ~1 (keep going|do this any more|do this anymore|do this no more|take it any more|take it anymore)"),
    (Fixed(SH), "how much longer i can"),
    (Fixed(SH), "(can not) cope ~2 (any more|anymore|no more)"),
    (Fixed(SH), "(no|the|see the|what is the) point ~2 (living|life|anymore|any more|in anything|of anything|carrying on|going on)"),
    (Fixed(SH), "(can not) see the point"),
    (Fixed(SH), "only way out"),
    (Topic(SH), "overdos*"),
    (Fixed(SH), "(taking|take|took|swallow*) (them all|the lot|all (my|the|of my|of the) (tablets|pills|meds|medication))"),
    (Fixed(SH), "(tablets|pills|meds|medication) ready"),
    (Fixed(SH), "jump* ~3 (off|from) ~2 (bridge|building|roof|car park|cliff|balcony|window|multistorey)"),
    (Fixed(SH), "(jump*|throw* myself|step*|walk*) ~2 in front of ~2 (train|bus|car|lorry|traffic)"),
    (Fixed(SH), "(walk*|drive|driving|drove) ~1 into ~1 (the|a) (sea|river|water|traffic|wall|tree|lorry|canal)"),
    (Fixed(SH), "(bus|car|train|lorry) would hit me"),
    (Fixed(SH), "(looking at|stood on|standing on|thought about|stood at) ~2 (bridges|bridge|the edge|the tracks|multistorey|multi storey)"),
    (Fixed(SH), "ways to (do it|die|kill myself|end it)"),
    (Fixed(SH), "googl* ~3 (how to|ways)"),
    (Fixed(SH), "(goodbye letter|goodbye note|letter ~4 goodbye|note ~3 goodbye)"),
    (Fixed(SH), "(dark|suicidal|intrusive|awful|horrible) thoughts ~3 (myself|about me|of ending|of dying|every day)"),
    (Fixed(SH), "(thoughts|thinking|think|thought) ~2 (of|about) (ending|dying|death|not being here|killing|harming|hurting) ~1 (myself|it|me|my)"),
    (Fixed(SH), "voices ~3 (telling|saying|tell|tells) ~2 me"),
    (Fixed(SH), "voice in my head"),
    (Fixed(SH), "(a|the) voice (saying|telling) ~4 (better|should|kill|hurt|die|go away|disappear)"),
    (Fixed(SH), "(disappear*|run* away|go away|leave) ~6 (for good|forever|never (come|coming) back|not (come|coming) back)"),
    (Fixed(SH), "under ~3 not (come|coming) (up|back)"),
    (Fixed(SH), "(cutting|cut) (again|my arms|my legs|myself)"),
    (Fixed(SH), "(until|till) it (bleeds|bled)"),
    // ---------------------------------------------------------------- domestic abuse
    (Topic(DA), "domestic (abuse|violence|abuser)"),
    (Topic(DA), "(abusive|abused|abusing|coercive|coercion|coerced)"),
    (Fixed(DA), "(he|she|partner|husband|boyfriend|fella|wife|girlfriend) ~3 (control*|controlling)"),
    (Fixed(DA), "(controlling|controls|controlled) ~2 (everything|me|all|the money|what i|my money|my life|who i)"),
    (Fixed(DA), "(he|she|partner|husband|boyfriend|fella|ex|wife|girlfriend|mother in law|brother|father) ~3 (hit*|hits|beat*|punch*|kick*|slap*|push*|shov*|strangl*|chok*|grab*|rape*|raped|throttl*|bit|bites|smash*|spat|spit*|lock*|drag*|hurt*) ~2 (me|my|the wall|things|at me)"),
    (Fixed(DA), "(hits|beats|beat|punched|kicked|slapped|strangled|choked|raped|rapes|grabs|grabbed|hitting|beating) me"),
    (Fixed(DA), "forc* me ~3 (sex|to have|into)"),
    (Fixed(DA), "(touches|touched|touching) me"),
    (Fixed(DA), "(rape|raped|rapes|sexual assault|sexually assaulted)"),
    (Fixed(DA), "(he|partner|husband|boyfriend|fella|ex|wife|they|family|mum|mother) ~2 (will not|does not|do not|did not|would not|never|not) ~1 (let|allow*) me"),
    (Fixed(DA), "i (am|was) not allowed (out|to see|to go out|to leave the house|to speak|to talk|to work|to have money|to have my own|to have friends|to contact|to call|to phone|to use|to go anywhere)"),
    (Fixed(DA), "(check*|read*|goes through|go through|went through|track*|monitor*|look* through) ~1 (my phone|my messages|my texts|my bag|my location|my emails|my bank|my receipts|every receipt|up on me|my phone location)"),
    (Fixed(DA), "(take*|took|taking|keeps|kept) ~2 (my|all my) (money|wages|bank card|passport|documents|benefit*|child benefit|phone)"),
    (Fixed(DA), "(hand|give) ~2 (my|all my) (wages|money|benefit*)"),
    (Fixed(DA), "(gives|give|allows) me ~3 a week"),
    (Fixed(DA), "(ask|asking|beg) him for (money|bus fare|fare)"),
    (Fixed(DA), "(scared|afraid|frightened|terrified|fear*|dread*) ~3 (go|going|get|getting) home"),
    (Fixed(DA), "(scared|afraid|frightened|terrified) of (him|her|my partner|my husband|my boyfriend|my wife|my ex|my fella|what he|what she)"),
    (Fixed(DA), "(what he will|what he would|what he might|what he does) do"),
    (Fixed(DA), "(send|sent) me back"),
    (Fixed(DA), "(get|have) me sectioned"),
    (Fixed(DA), "(says|said|calls|called|tells|told) ~2 (i am|i was|me) ~1 (useless|worthless|mental|crazy|stupid|disgusting|fat|ugly|a bad mother|a bad mum|cheating|lying)"),
    (Fixed(DA), "i disgust him"),
    (Fixed(DA), "nobody would believe me"),
    (Fixed(DA), "if i (tell|told|report|go to) (anyone|anybody|someone|the police|people)"),
    (Fixed(DA), "(if|when) i (leave|left) ~3 (take|kill|never see|make sure)"),
    (Fixed(DA), "kill* himself"),
    (Fixed(DA), "(want|wanted|trying|try|tried) to leave (him|her|my partner|my husband|my boyfriend)"),
    (Fixed(DA), "(injunction|non molestation|restraining order|refuge|idva|marac)"),
    (Fixed(DA), "(follows|following) me"),
    (Fixed(DA), "followed me (around|everywhere|home|to)"),
    (Fixed(DA), "(keeps|kept|keep) (turning up|turn* up)"),
    (Fixed(DA), "(lock*|locked) ~2 (me|us) (in|out)"),
    (Fixed(DA), "(bruises|bruising|marks) ~3 (where he|from where|from him|he grab*)"),
    (Fixed(DA), "(bring|brought) shame"),
    (Fixed(DA), "(post|share|send) ~2 (pictures|photos|videos) of me"),
    (Fixed(DA), "(pushes|pushed|push) me around"),
    (Fixed(DA), "(punch*|smash*|kick*) (the wall|the door|things)"),
    (Fixed(DA), "(want*|keep*) me pregnant"),
    (Fixed(DA), "has all the (documents|money|papers)"),
    (Context(Ctx::Violence), "(violent|violence|abuse|abuser)"),
    (Context(Ctx::Violence), "(being|been|was|got|get|gets) ~1 (hit|beaten|abused|punched|kicked|slapped)"),
    // ---------------------------------------------------------------- child risk
    (Fixed(CR), "(shook|shake|shakes|shaking|shaken) ~2 (the baby|baby|him|her|my baby|my son|my daughter|them)"),
    (Fixed(CR), "(left|leave|leaving|leaves) ~2 (the baby|baby|him|her|them|my baby|the kids|the children) ~2 (alone|on (his|her|their|its) own|by (himself|herself|themselves)|crying|unattended)"),
    (Fixed(CR), "being left (alone|on (his|her|their) own)"),
    (Fixed(CR), "(hit*|hitting|smack*|beat*|kill*|suffocat*|smother*|throw*|shout* at) ~1 (the baby|my baby|our baby|her baby|the kids|my son|my daughter|our son|our daughter|the children|children)"),
    (Fixed(CR), "(hit|hits|hitting|smacked|smacks|smacking|beat|beats|beating|kicked|punched) (him|her|them) !(head|back|arm|leg|hand|face|foot)"),
    (Fixed(CR), "(scared|afraid|worried|frightened|terrified|fear|worry) ~4 (hurt*|harm*|shake*|hit*) ~2 (him|her|the baby|my baby|them|our baby)"),
    (Fixed(CR), "(someone|somebody|he|she|they|partner|dad|father|mum|mother) ~3 (will|would|might|could|going to) ~1 (hurt|harm) ~2 (my baby|the baby|her|him|them|our baby)"),
    (Fixed(CR), "(hurting|harming|abusing) (children|kids|babies|a child|the baby|my baby)"),
    (Fixed(CR), "(do|doing|did) something to (him|her|the baby|my baby|them)"),
    (Fixed(CR), "(what he will|what he would|what he might) do to (the baby|her|him|them)"),
    (Topic(CR), "(social services|social care|child protection|cp plan|protection plan|care proceedings|foster care|fostered)"),
    (Fixed(CR), "take (the|my|our) (baby|children|kids) (away|off me|into care)"),
    (Fixed(CR), "(sex offender|paedophile|pedophile|grooming|groomed)"),
    (Fixed(CR), "(comes|came|coming|goes) into (her|his|their) (room|bed) at night"),
    (Fixed(CR), "(too|very|so) rough with"),
    (Fixed(CR), "(squeez*|snatch*|grabbed|grabs|yanked) ~1 (the baby|my baby|her arm|his arm|her leg|his leg)"),
    (Fixed(CR), "not being (fed|looked after|changed|cared for)"),
    (Fixed(CR), "neglect* ~2 (baby|babies|child|children|kids|him|her)"),
    (Fixed(CR), "(baby|child|children|kids) ~3 neglect*"),
    (Fixed(CR), "(bruises|bruising|marks|burns) on (her|his|the baby|my baby|our baby)"),
    (Fixed(CR), "(not|never) safe with (me|him|her|my|the)"),
    (Fixed(CR), "(baby|child|son|daughter|she|he) (is|was) not safe"),
    (Fixed(CR), "(water*|watered) ~2 down ~3 (formula|milk|feeds|bottles|bottle|it)"),
    (Fixed(CR), "(baby|she|he|son|daughter|child|kids) ~2 (getting|got|gets) hurt"),
    (Fixed(CR), "(walk*|storm*) out ~3 (house|flat|home) ~3 (baby|her|him|crying)"),
    (Fixed(CR), "in prison for (hurting|abusing|harming)"),
    (Context(Ctx::Dropped), "(dropped|drop|dropping) ~2 (the baby|my baby|him|her|our baby) !(off|at|to|round|home)"),
    (Context(Ctx::Dropped), "(baby|he|she|son|daughter) (was|got|been) dropped !(off)"),
    (Context(Ctx::Fall), "(fell|fall|falls|fallen) !(in love|pregnant|asleep|apart|ill|for|behind|short|through|into place|off to sleep|back to sleep|to sleep|in line)"),
    (Context(Ctx::Fall), "had a fall"),
    (NearChild, "(no|never any|never enough|not enough|not any|hardly any) (food|milk|formula|nappies) ~3 (in the house|at home|in the flat|in the cupboard*|in the fridge)"),
    (NearChild, "(he|she|they|baby|toddler|kids|children|son|daughter|child|newborn) ~3 left (alone|on (his|her|their) own|by (himself|herself|themselves))"),
    (Context(Ctx::Violence), "(shouting|screaming|fighting|rows|arguing|arguments) ~3 (at home|in the house|in our house|in the flat)"),
    (NearChild, "(crack|heroin|cocaine|coke|weed|cannabis|spice|meth|ketamine|takes drugs|taking drugs|on drugs|out of it|off his face|off her face|drunk|drinking a lot|drinking too much|drinking again|high all the time|stoned)"),
    // ---------------------------------------------------------------- patient safety
    (Fixed(PS), "wrong (medication|medicine|medicines|dose|doses|drug|drugs|tablet|tablets|blood|drip|injection|baby|mother|mum|patient|notes|insulin|antibiotic*|fluids) !(leaflet|leaflets|letter|letters|form|information|advice|label)"),
    (Fixed(PS), "wrong ~3 (dose|doses|dosage)"),
    (Fixed(PS), "(double dose*|double dosed|overdosed me|given an overdose|gave me an overdose)"),
    (Fixed(PS), "someone else ~2 (medication|medicine|tablets|notes|blood|baby|results|drugs)"),
    (Fixed(PS), "(nearly|almost) (given|gave|give|operated|injected|discharged|sent home)"),
    (Fixed(PS), "(near miss|medication error|drug error|never event|serious incident)"),
    (Fixed(PS), "(nobody|no one|none of them) ~2 (came|come|coming|check*|monitor*|examin*|investigat*|respond*|answer*|watch*|review*|scan*|test*|did|doing|saw|seen|noticed|looked at|escalat*)"),
    (Fixed(PS), "(before|until) (anyone|anybody|someone|somebody) ~1 (noticed|notice|came|checked|realised|looked|examined)"),
    (Fixed(PS), "without (anyone|anybody) ~2 (check*|monitor*|watch*|looking|examin*|supervis*)"),
    (Fixed(PS), "without ~2 (consent|supervis*|asking (me|my consent|permission)|my consent|permission)"),
    (Fixed(PS), "(not|never) ~1 (spotted|picked up|noticed|diagnosed|checked|monitored|looked at|examined|scanned|tested|reviewed|escalated|investigated|came|seen)"),
    (Fixed(PS), "(did not|never) ~1 (check*|monitor*|examin*|scan*|test*|investigat*|escalat*)"),
    (Fixed(PS), "(was|were|been|got|they|midwife|midwives|doctor|doctors|staff|team|nurses|everyone|scan|sonographer) missed"),
    (Fixed(PS), "missed ~2 (diagnos*|tear|sepsis|infection|bleed*|signs|fracture|that)"),
    (Fixed(PS), "(forgot|forgotten|forgetting) ~2 (to give|to check|to do|give|giving|administer|my medication|my medicine|my insulin|my injection|his medication|the baby)"),
    (Fixed(PS), "(left|leaving|leave) ~4 bleed*"),
    (Fixed(PS), "(left|leaving|laid|lying) ~4 (for hours|all night|overnight) ~4 (pain|bleed*|unwell|contractions)"),
    (Fixed(PS), "(call bell|buzzer|bell|alarm|alarms|pump|bleep) ~3 (not|never|broken|ignored)"),
    (Fixed(PS), "(no|not) ~2 (call bell|buzzer|bleep) ~1 work*"),
    (Fixed(PS), "unsafe (care|staffing|discharge|practice)"),
    (Fixed(PS), "allerg* ~8 (given|gave|give|nearly)"),
    (Fixed(PS), "(given|gave|give) ~8 allerg*"),
    (Failure, "(ignor*|dismiss*|brushed off|fobbed off|not listened|not believed|not taken seriously|neglect*)"),
    (Failure, "(sent|send|sending) ~1 home"),
    (Failure, "(discharg*|refus*|delay*|waited|waiting|wait|took too long|too long|took ages|for ages|for hours|hours later|days later)"),
    (Failure, "(would not|will not|did not|not|never|no) ~1 (call*|listen*|believe*|wash*|work*|come|came|test*|check*|notice*|told|tell|explain*)"),
    (Failure, "(no one|nobody)"),
    (Failure, "(told|telling|said|saying) ~3 (normal|fine|nothing wrong|making a fuss|overreacting)"),
    (Failure, "had to (go and find|find|shout|remind|beg|fight|ask)"),
    (Failure, "(three|four|several|many|multiple) times"),
    (Failure, "(kept|keep) (telling|asking|saying)"),
    (Failure, "(even though|despite)"),
    (Failure, "((was|were|been|got|being) left|left (me|us|her|him|the baby|my baby))"),
    (Failure, "(forgot|missed)"),
    (Failure, "(short staffed|understaffed|no staff)"),
    (Harm, "(sepsis|septic|infect*|bleed*|bled|haemorrhag*|hemorrhag*|blood loss|stillborn|stillbirth|died|death|dead|readmit*|seizure|fitting|eclampsia|fractur*|burst|rupture*|meningitis|hypotherm*|floppy|dysplasia|hives|anaphyla*|jaundic*|agony|brain damage|injur*|fever|faint*|passed out|collaps*|unconscious|distress|crash section|crash call|grunting|blue|not breathing|stopped breathing|struggling to breathe|no heartbeat|heart defect|hit my head|bruises|weight loss|skull)"),
    (Harm, "(a|high|had a) temperature"),
    (Harm, "(very|so|really|extremely) (poorly|ill|unwell|sick)"),
    (Harm, "(heart rate|heartbeat|heart beat) ~2 (dropped|drop*|going down|went down|decelerat*|slowed)"),
    (Harm, "lost ~2 (percent|per cent|weight)"),
    (Harm, "ended up ~1 (back|a&e|nicu|intensive|icu|hospital|sepsis|infection|readmitted|theatre)"),
    (Harm, "(later|eventually) (diagnosed|found|turned out)"),
    (Harm, "(taken|admitted|rushed|transferred|went) ~2 (nicu|scbu|intensive care|icu|itu|theatre|a&e|resus)"),
    (Harm, "(gave birth|born|birth) ~3 (car|toilet|corridor|floor|alone|on my own|car park)"),
    (Harm, "born flat"),
    (Harm, "(sugars|sugar|glucose) ~2 (high|low|dropped)"),
    // ---------------------------------------------------------------- other risk
    (Fixed(OR), "(homeless|homelessness|sofa surf*|rough sleeping|sleeping rough|evict*|kicked (me|us) out|throw* (me|us) out|thrown out|nowhere (to go|to stay|to live|safe|to take|to sleep))"),
    (Fixed(OR), "(sleeping|living|slept|sleep|staying) ~2 (in the car|in a car|in our car|in my car|on buses|on night buses|on the streets|in a car park|in the mosque|in a mosque|in the park|on a friend|on a sofa)"),
    (Fixed(OR), "(have|got|had|with|left with) no ~2 (food|money|heating|electric|electricity|gas|cooker|beds|nappies|formula|income)"),
    (Fixed(OR), "(no food|no money) (and|or) (no|nothing)"),
    (Fixed(OR), "nothing ~2 (in the cupboards|in the fridge|in the house to eat)"),
    (Fixed(OR), "not enough (food|money) ~2 (for|to)"),
    (Fixed(OR), "(food bank|foodbank|loan shark|bailiff*|no recourse|destitute)"),
    (Fixed(OR), "(electric|electricity|gas|power|heating) ~2 (cut off|off for|been off)"),
    (Fixed(OR), "(mould|mold|damp and|rats|mice|cockroach*|infested|broken windows|no heating)"),
    (Fixed(OR), "ceiling ~2 (falling|fell|collaps*)"),
    (Fixed(OR), "needle* in the (stairwell|stairs|street|park|hallway|corridor)"),
    (Fixed(OR), "(can not) (afford|manage) ~2 (food|rent|formula|nappies|heating|to eat|to feed|bills)"),
    (Fixed(OR), "can not feed (us|the baby|my|the kids|the children)"),
    (Fixed(OR), "(dealing drugs|fighting every|men fighting|people fighting)"),
    (Fixed(OR), "(gun|guns|knife|knives|machete|weapon)"),
    (Fixed(OR), "(stab|stabbed|shoot|shot) (you|him|her|me|people|someone|the|them|us|my)"),
    (Fixed(OR), "(come|coming|round) ~4 sort (me|you|us) out"),
    (Fixed(OR), "burn ~3 (house|flat|down|place)"),
    (Context(Ctx::Threat), "!(life) (threat*|threaten*)"),
    (Context(Ctx::Threat), "(will|going to|gonna|wants to|want to|said|says|saying|is going) ~4 (kill|hurt|harm|beat|batter|stab) ~2 (me|us|you|the|her|him|my|our|them|people|everyone|neighbour)"),
    (Context(Ctx::Unsafe), "(unsafe|not safe|dont feel safe|never feel safe|not feel safe)"),
    (Context(Ctx::Unsafe), "(not|never|no longer) ~2 (feel|felt|feeling) safe"),
    (Context(Ctx::Unsafe), "not sure ~4 safe"),
];

#[cfg(test)]
mod tests {
    use super::super::cues::Pattern;
    use super::*;

    #[test]
    fn every_pattern_parses_to_something() {
        for (_, src) in CUES {
            let p = Pattern::parse(src);
            assert!(format!("{p:?}").contains("Alt"), "empty pattern: {src}");
            assert_eq!(
                src.matches('(').count(),
                src.matches(')').count(),
                "unbalanced: {src}"
            );
        }
    }
}
