/**
 * The verbs that tie a quote or a reported clause to its speaker, as regular-expression
 * alternations. English news usage: "said" is most of it, but a speaker also wrote, tweeted,
 * quipped, insisted or shot back; "according to" and "told X that" are cues too.
 */

/** Finite speech verbs (past and present) that introduce a direct quote: `," X quipped`. */
export const SPEECH_VERB = [
  'said|says|say|told|tells|tell|added|adds|noted|notes|stressed|stresses|explained|explains',
  'argued|argues|warned|warns|insisted|insists|claimed|claims|stated|states|wrote|writes',
  'tweeted|tweets|posted|posts|texted|emailed|blogged|admitted|admits|underscored|emphasi[sz]ed',
  'emphasi[sz]es|suggested|suggests|replied|replies|responded|responds|remarked|remarks',
  'commented|comments|continued|continues|concluded|concludes|declared|declares|announced',
  'announces|asked|asks|recalled|recalls|acknowledged|acknowledges|maintained|maintains',
  'pointed out|points out|observed|observes|reiterated|reiterates|confirmed|confirms|denied',
  'denies|predicted|predicts|joked|jokes|quipped|quips|mused|muses|scoffed|shouted|yelled',
  'screamed|chanted|exclaimed|cried|boasted|boasts|bragged|brags|complained|complains|lamented',
  'laments|conceded|concedes|countered|counters|retorted|snapped|sniffed|marveled|marvelled',
  'gushed|pleaded|pled|pledged|promised|promises|vowed|vows|urged|urges|cautioned|cautions',
  'charged|alleged|alleges|contended|contends|asserted|asserts|testified|elaborated|proclaimed',
  'affirmed|objected|protested|interjected|whispered|muttered|mumbled|opined|ventured',
  'recounted|recounts|reflected|speculated|summed up|went on|chimed in|shot back|fired back',
  'wondered|wonders|demanded|demands|reported|reports|read|reads|quoted|cited|recalled|agreed',
  'agrees|disagreed|advised|advises|thundered|barked|sighed|laughed|griped|fumed|raged|railed',
  'teased|taunted|mocked|hinted|offered|relayed|reasoned|put it|puts it|described|describes|called|calls',
  'believes|thinks|hopes|expressed hope|expressed concern|according',
].join('|');

/** Participles of speech verbs: `…, saying "…"`, `telling reporters: "…"`. */
export const SPEECH_PARTICIPLE =
  'saying|telling|adding|noting|writing|tweeting|posting|asking|arguing|insisting|warning|explaining|declaring|calling|describing|stating|claiming|joking|quipping|complaining|recalling|urging|promising|vowing|pleading|proclaiming|quoting|citing|speaking|spoke|spoken|referring|predicting|suggesting|boasting|reading';

/** Adverbs that may sit between a speaker and the verb: `X also said`, `X said later`. */
export const CUE_ADVERB =
  'also|then|later|further|again|once again|earlier|recently|previously|repeatedly|simply|finally|flatly|quickly|once|often|frequently|publicly|privately|bluntly|candidly|angrily|sharply|firmly|quietly|proudly|jokingly|sarcastically|separately|subsequently|still|now|in turn|had|has|have|would|will|has also|had also|would later';

/**
 * Verbs of stance and evaluation whose subject owns a quoted fragment in its clause:
 * `X called the plan "a disaster"`, `X vowed to "fight on"`. Not speech verbs on their own.
 */
export const STANCE_VERB = [
  'calls|called|call|described|describes|labeled|labelled|labels|dubbed|dubs|branded|brands|blasted|blasts',
  'slammed|slams|praised|praises|hailed|hails|touted|touts|defended|defends|denounced|denounces|accused',
  'accuses|criticized|criticised|criticizes|attacked|attacks|mocked|mocks|promised|promises|vowed|vows',
  'pledged|pledges|urged|urges|insisted|insists|wants|wanted|hopes|hoped|believes|believed|thinks',
  'thought|feels|felt|sees|saw|views|viewed|considers|considered|expects|expected|fears|feared',
  'worries|worried|predicted|predicts|promised|referred|refers|characterized|characterizes|likened',
  'likens|compared|compares|questioned|questions|dismissed|dismisses|rejected|rejects|lamented',
  'laments|celebrated|celebrates|cited|cites|invoked|invokes|quoted|quotes|issued|released|offered',
  'conceded|concedes|recalled|recalls|launched|lashed out|went on|took aim|spoke|speaks|sought|seeks',
  'tried|tries|plans|planned|pushed|pushes|lobbied|lobbies|argued|argues|claimed|claims|has|had|is|was',
].join('|');

/**
 * Verbs of saying, thinking and finding that report a clause: `X said (that) …`,
 * `Polls show …`, `Aides worry that …`. The clause after them is a reported statement.
 */
/** Report verbs that also have other uses ("helped found", "agreed to", "Polls show Clinton up"):
 * a cue only before "that". */
export const WEAK_REPORT_VERB =
  /^(?:found|finds|find|show|knows|know|knew|posted|tweeted|maintained|maintains|continued|read)\b/;

export const REPORT_VERB = [
  'said|says|say|told|tells|tell|added|adds|noted|notes|stressed|stresses|explained|explains|argued',
  'argues|argue|warned|warns|warn|insisted|insists|insist|claimed|claims|claim|stated|wrote',
  'writes|tweeted|posted|admitted|admits|admit|underscored|emphasi[sz]ed|emphasi[sz]es|suggested',
  'suggests|suggest|replied|responded|remarked|commented|continued|concluded|concludes|declared',
  'declares|announced|announces|asked|recalled|recalls|acknowledged|acknowledges|acknowledge',
  'maintained|maintains|pointed out|points out|observed|reiterated|reiterates|confirmed|confirms',
  'denied|denies|predicted|predicts|predict|conceded|concedes|concede|contended|contends|contend',
  'asserted|asserts|testified|alleged|alleges|complained|complains|boasted|bragged|promised',
  'promises|vowed|vows|pledged|pledges|reported|reports|revealed|reveals|indicated|indicates',
  'estimated|estimates|found|finds|find|showed|shows|show|think|thinks|thought|believe|believes',
  'believed|hope|hopes|hoped|expect|expects|expected|fear|fears|feared|worry|worries|worried|know',
  'knows|knew|doubt|doubts|doubted|agreed|agree|agrees|disagreed|guessed|figured',
  'figures|speculated|assumed|assume|assumes|understands|understood|realized|realizes|recognized',
  'recognizes|learned|mentioned|mentions|signaled|signalled|signals|hinted|implied|implies',
  'acknowledged|joked|quipped|explained|reasoned|countered|argued|wondered|described|describes',
].join('|');
