//! Given names common in the communities maternity services in England serve.
//!
//! Written by hand for this crate (not taken from a register) and deliberately broad:
//! English, Welsh, Scottish and Irish; South Asian (Muslim, Hindu, Sikh); Black African and
//! Caribbean; Eastern European; Arabic and Turkish; Chinese, Vietnamese and Filipino; and
//! names popular for babies born in England in the last decade. Names that are also
//! everyday English words or place names ("Grace", "Hope", "Will", "May") are listed in
//! [`AMBIGUOUS`] instead: they count as names only with supporting context.

/// Unambiguous given names, whitespace separated, any case.
pub(super) const GIVEN_NAMES: &str = "
aaliyah aaron abbie abby abdul abdullah abigail abu ada adaeze adam adaora adebayo adele adeola
adil aditi aditya adnan adrian adriana agata agnes agnieszka ahmad ahmed ahmet aidan aiden aileen
aimee aisha aishah aisling ajay akash akua alan alana albert alberto aleksandra aleksander alex
alexa alexander alexandra alexandru alexis alfie ali alice alicia alina alisha alison alistair
aliya aliyah alma amal amanda amani amara amarachi amber-rose amelia amelie amina amir amira
amit amna amos amy ana anais anastasia anca andre andrea andreea andreas andrei andrew andy aneesa
angela angelica angelika angus anita anja anjali ann anna annabel annabelle anne annie anthony
antonia antonio anu anya arjun arlo arthur arya asad asha ashley ashok asif asma astrid aston
ayaan ayesha ayo ayodele ayomide ayla aylin azra
barbara barry bartek bartosz basia beata beatrice beatriz becky belinda bella ben benedict benjamin
bernadette beth bethan bethany betty beverley bianca bilal billie blake bogdan bola bonnie brenda
brendan brian bridget bridie brittany bronwen brooke bukola bushra
cai caitlin callum cameron camila camilla cara carla carlos carly carmen caroline carolyn
carys casey cassandra catalina catherine cathy cecilia cedric celia chantelle charlene charles
charlie charlotte chelsea chen cheng cheryl chiamaka chidi chidinma chinedu chioma chipo chloe
chris christina christine christopher chukwuemeka ciara cindy claire clara clare claudia colin
connor conor corinne courtney craig cristina cynthia
dafydd daisy-mae damian dan dana daniel daniela danielle daniyal danny darius darren david dawid
dean debbie deborah declan dee deepa deepak demi denise derek desmond diana diane dimitri dina
dolores dominic dominika donna dorcas doreen dorota duncan dylan
eddie edith edward edyta efua ekaterina elaine eleanor elena eli elif elijah elin elisa elise
eliza elizabeth ella ellen ellie elliot elliott eloise elsa elsie emeka emilia emily emina emma
emmanuel eniola enzo erin esme esther ethan eva evan evelyn evie ewa ewan ezra
fahad faisal farah farhan farida farzana fatima fatma fatuma femi fernando fiona florin folake
francesca frances francis freddie freya funmi
gabriel gabriela gabriella gareth gary gavin gemma geoffrey george georgia georgina gerald gillian
gina giovanni gita gloria gordon graham grazyna greta gurpreet gwen gwyneth
hafsa hajra haleema hamid hamza hana hanna hannah harjit harleen harley harpreet harriet harrison
harry harvey hasan hassan hayley helen helena henry hiba hina hira hollie hugo humaira hussain
ian ibrahim ida idris ifeoma ifeanyi iman imogen imran ines inga ingrid ioana ione irena irina
isa isaac isabel isabella isabelle isaiah isha ishaan isla ismail iwona iyabo
jack jacob jacqueline jade-louise jagdeep jake jakub jamal james jamie jane janet janice jasmin
jaspreet jason jay jayden jaz jean jenna jennifer jenny jeremy jess jessica jessie jiahui jian
jo joan joanna joanne jodie joe joel john jonathan jordan-lee joseph josephine josh joshua josie
joy-anne juan julia julian julie justyna
kai kamal kamala kamil kamila kanwal karen karim karina karolina kasia katarzyna kate katherine
kathleen kathryn katie katrina katy kayleigh kayode keeley keira kelechi kelly kemi kenneth
kerry-ann kevin khadija khalid kieran kim kirsty kofi kwabena kwame kwesi kyle
lachlan laila lara latisha laura lauren layla leah lee leila lena leo leon leonie lewis liam
lila lily lily-mae lina linda lindsay lisa liu lois lola lorna lorraine louis louise lucas lucia
lucja lucy luis luka lukas luke lydia lynn lynne
maciej madeleine madison magda magdalena mahmoud maisie maja malak malcolm malgorzata mandeep
mandy manpreet marcel marcin marcus margaret maria mariam marie marina marisa marius marta martha
martin martyna mary maryam mason matilda matthew maureen maya megan mehmet mei melanie
melissa mercy-ann mia michael michaela michal michelle miguel mihai mila milena millie mina
miriam mohamed mohammad mohammed moira molly monika monique morgan muhammad mustafa musa
nadia nadine naomi narges natalia natalie natasha nathan neha neil nia niamh nicola nicole nikhil
nikita nina noah noor nora norah nuala nur nusrat
obi oksana ola olamide olena olga oli oliver olivia oluwaseun oluwatobi omar omari oscar owen
paige pamela paola patricia patrick paul paula paulina pauline pawel peter petra philip philippa
phoebe pierre piotr pooja priya priyanka
qasim
rachel radek rafael rahul raj rajesh ramona rana rania rashid ravi rebecca reece rehana reuben
rhiannon rhys ria richard rikki riley rita robert roberta roberto robyn rohan roisin ronan rory
rosa rosemary rosie-may roxana ruth ryan
saanvi sabina sabrina sadia safa safiya sahil saima sajid salma sam samantha samina samira samuel
sana sandeep sandra sanjay sara sarah sasha saskia scarlett sean sebastian seren shabana shahid
shanice shannon sharon shauna shazia sheila shelley shirin shona shreya siddharth simon simone
simran siobhan sofia sonia sophia sophie stacey stefan stella stephanie stephen steve steven
stuart sunita susan suzanne svetlana sylvia szymon
tahir tamara tamsin tanisha tanya tariq tatiana teresa thea theo theodore thomas tia tiffany
timothy tina toby tom tomasz toni tony tracey tracy tunde tyler
uchenna umar usman
valentina valerie vanessa vera veronica victoria vijay vikram vincent viola viv vivian vivienne
wanda wei wendy wiktoria william wojciech
xavier xin xiu
yasmin yasmine yaw yemi yetunde yinka yolanda yusuf yvette yvonne
zac zach zahra zaid zainab zak zara zayn zeynep zoe zofia zuzanna
adwoa akosua ama abena afia kojo kofi-junior nana-ama yaa kwaku esi ekow fiifi nii
ngozi nkechi nneka obinna oluchi onyeka tobi tolu tosin wale bisi funke lanre seun dami
tendai tatenda tafadzwa rudo chiedza farai nyasha kudzai thandi thabo sipho lindiwe zanele
amani baraka neema zawadi wanjiru wambui njeri achieng akinyi otieno kamau mwangi
abdi hodan ifrah hamdi sahra ayan faduma ubah warsame liban
marlon delroy winston leroy errol shanique keisha tamika jermaine tyrone dwayne kemar
olusegun babajide temitope adeyemi adebola abimbola omolara oyinkansola
mehwish noreen parveen rukhsana shagufta tasneem uzma zubair zeeshan waqas faisal-ahmed
anwar arif asim aziz bashir farooq habib haroon irfan javed junaid kashif nadeem naveed rizwan
saleem shahzad tanveer wasim yasir zafar
aarav aryan dev dhruv harsh ishan kabir karan kunal manish mohan naveen pranav rakesh rishi
sachin sameer sunil varun vivek yash
ananya avni diya kavya meera nisha pallavi riya shanti tanvi
baljit balwinder gurdeep gurinder harbans harvinder inderjit jasbir jaswinder kuldeep
kulwinder navdeep parminder rajinder ranjit simranjit sukhdeep sukhwinder
rahima rehan ruqayyah sumaiya tahmina rumana shirin-ara nazia nasreen
anh bao duc hoa huong lan linh mai minh ngoc phuong quang thanh trang tuan
jing lei li-na ling min na ping qing rui shu ting wen xiao xue yan yang ying yu yun
chun hao kai-wen ming tao wei-ling yi zhi
maricel rowena jocelyn rhea marites analyn jomar
irina-maria anca-elena bianca-maria cosmin ionut mihaela nicoleta oana raluca sorin stefania
vasile
bozena danuta elzbieta halina jadwiga jolanta krystyna marzena renata urszula wioletta
zbigniew grzegorz krzysztof lukasz mariusz przemek rafal slawomir tadeusz wlodek
agne aiste egle ieva ruta vytautas jonas tomas
anastasija darja jelena ksenija liga marija natalja olga-maria
dimitar georgi ivan ivana mariya petya svetla todor yordan
emre hakan kemal mert murat selin serkan tugba yasemin
ahlam amal-noor asmaa dalia hala huda lamia layan mariam-noor nour rana-noor reem salwa
samar yara yousef walid tarek nabil karim-ali
shira talia yael
olena-maria oleksandr oleksii taras yulia yuliia
";

/// Given names that are also common words, months or places: names only with context.
pub(super) const AMBIGUOUS: &str = "
hope grace faith joy may june april august will mark bill sky summer amber holly ruby rose poppy
daisy iris jasmine angel precious blessing patience rosie sunny autumn dawn heather violet ivy
hazel jade crystal pearl ginger honey harmony melody destiny charity chance gift mercy favour
promise prince major hunter chase drew pat sue rob don guy ray kit bob florence sydney chester
lincoln austin paris jordan china india kerry lily-rose faye star storm river rain willow
sage ash robin jay-jay peace comfort goodness godswill miracle princess queenie jan jun
thu eve max frank carol gene dean art
";
