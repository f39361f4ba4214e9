import { prngFromString } from './prng';

/**
 * What the demo chain sells on Amazon. The categories are the ones the return rules treat
 * differently (RETURNS-DOMAIN.md): serialised electronics, apparel sizes, sealed media and
 * software, hygiene goods, jewelry. Brands are invented; books are public-domain classics.
 */

export const PRODUCT_CATEGORIES = [
  'electronics',
  'apparel',
  'books_media',
  'software',
  'toys',
  'home',
  'beauty_hygiene',
  'jewelry',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/** Listing languages: English for US, CA and UK; German, French, Japanese for DE, FR, JP. */
export type ListingLanguage = 'en' | 'de' | 'fr' | 'ja';

export interface Product {
  sku: string;
  category: ProductCategory;
  /** Reference price in US cents; other marketplaces derive theirs (see pricing.ts). */
  usdCents: number;
  title: Record<ListingLanguage, string>;
  /** Set for items that carry a serial number the counter checks on return. */
  serialPrefix?: string;
  /** Printed books have a reduced VAT rate in the UK, DE and FR (tax-rules.ts). */
  printedBook?: boolean;
}

const PRODUCTS: readonly Product[] = [
  // electronics
  {
    sku: 'VOL-ANC700-BLK',
    category: 'electronics',
    usdCents: 19999,
    serialPrefix: 'VA7',
    title: {
      en: 'Voltra ANC 700 Wireless Noise Cancelling Headphones, Black',
      de: 'Voltra ANC 700 Kabellose Kopfhörer mit Geräuschunterdrückung, Schwarz',
      fr: 'Voltra ANC 700 Casque sans fil à réduction de bruit, Noir',
      ja: 'Voltra ANC 700 ワイヤレス ノイズキャンセリング ヘッドホン ブラック',
    },
  },
  {
    sku: 'VOL-BUDS2-WHT',
    category: 'electronics',
    usdCents: 7999,
    serialPrefix: 'VB2',
    title: {
      en: 'Voltra Buds 2 True Wireless Earbuds with Charging Case, White',
      de: 'Voltra Buds 2 True-Wireless-Ohrhörer mit Ladecase, Weiß',
      fr: 'Voltra Buds 2 Écouteurs sans fil avec boîtier de charge, Blanc',
      ja: 'Voltra Buds 2 完全ワイヤレスイヤホン 充電ケース付き ホワイト',
    },
  },
  {
    sku: 'NOV-TAB10-64',
    category: 'electronics',
    usdCents: 22999,
    serialPrefix: 'NT10',
    title: {
      en: 'Nova Tab 10 Tablet, 10.1" Full HD Display, 64 GB, Slate Grey',
      de: 'Nova Tab 10 Tablet, 10,1" Full-HD-Display, 64 GB, Schiefergrau',
      fr: 'Nova Tab 10 Tablette, écran Full HD 10,1", 64 Go, Gris ardoise',
      ja: 'Nova Tab 10 タブレット 10.1インチ フルHD 64GB スレートグレー',
    },
  },
  {
    sku: 'NOV-WATCH-S2',
    category: 'electronics',
    usdCents: 24999,
    serialPrefix: 'NW2',
    title: {
      en: 'Nova Watch S2 Smartwatch with GPS and Heart Rate Monitor, 44 mm',
      de: 'Nova Watch S2 Smartwatch mit GPS und Herzfrequenzmessung, 44 mm',
      fr: 'Nova Watch S2 Montre connectée avec GPS et cardiofréquencemètre, 44 mm',
      ja: 'Nova Watch S2 スマートウォッチ GPS・心拍計搭載 44mm',
    },
  },
  {
    sku: 'VOL-SPK-GO',
    category: 'electronics',
    usdCents: 4999,
    serialPrefix: 'VSG',
    title: {
      en: 'Voltra Go Portable Bluetooth Speaker, Waterproof IP67',
      de: 'Voltra Go Tragbarer Bluetooth-Lautsprecher, wasserdicht IP67',
      fr: 'Voltra Go Enceinte Bluetooth portable, étanche IP67',
      ja: 'Voltra Go ポータブル Bluetooth スピーカー 防水 IP67',
    },
  },
  {
    sku: 'VOL-CHG65-C',
    category: 'electronics',
    usdCents: 3499,
    title: {
      en: 'Voltra 65W USB-C Charger, 2 Ports, Foldable Plug',
      de: 'Voltra 65W USB-C Ladegerät, 2 Anschlüsse',
      fr: 'Voltra Chargeur USB-C 65 W, 2 ports',
      ja: 'Voltra 65W USB-C 急速充電器 2ポート 折りたたみ式プラグ',
    },
  },
  {
    sku: 'KST-ACT4K',
    category: 'electronics',
    usdCents: 29999,
    serialPrefix: 'KA4',
    title: {
      en: 'Kestrel 4K Action Camera with Stabilisation and Waterproof Housing',
      de: 'Kestrel 4K Action-Kamera mit Bildstabilisierung und Unterwassergehäuse',
      fr: 'Kestrel Caméra d’action 4K avec stabilisation et boîtier étanche',
      ja: 'Kestrel 4K アクションカメラ 手ぶれ補正 防水ケース付き',
    },
  },
  // apparel
  {
    sku: 'NRD-MERINO-NVY-M',
    category: 'apparel',
    usdCents: 6999,
    title: {
      en: 'Nordhaus Men’s Merino Wool Crew-Neck Sweater, Navy, M',
      de: 'Nordhaus Herren Merino-Pullover mit Rundhalsausschnitt, Marine, M',
      fr: 'Nordhaus Pull col rond homme en laine mérinos, Marine, M',
      ja: 'Nordhaus メンズ メリノウール クルーネックセーター ネイビー M',
    },
  },
  {
    sku: 'NRD-RAIN-RED-S',
    category: 'apparel',
    usdCents: 8999,
    title: {
      en: 'Nordhaus Women’s Waterproof Rain Jacket, Red, S',
      de: 'Nordhaus Damen Regenjacke, wasserdicht, Rot, S',
      fr: 'Nordhaus Veste de pluie imperméable femme, Rouge, S',
      ja: 'Nordhaus レディース 防水レインジャケット レッド S',
    },
  },
  {
    sku: 'BSC-TEE3-WHT-L',
    category: 'apparel',
    usdCents: 2999,
    title: {
      en: 'Basics Organic Cotton T-Shirt, Pack of 3, White, L',
      de: 'Basics T-Shirt aus Bio-Baumwolle, 3er-Pack, Weiß, L',
      fr: 'Basics T-shirt en coton bio, lot de 3, Blanc, L',
      ja: 'Basics オーガニックコットン Tシャツ 3枚組 ホワイト L',
    },
  },
  {
    sku: 'DNM-SLIM-3232',
    category: 'apparel',
    usdCents: 5499,
    title: {
      en: 'Denim Co. Slim-Fit Stretch Jeans, Dark Wash, 32W x 32L',
      de: 'Denim Co. Slim-Fit Stretch-Jeans, Dark Wash, W32/L32',
      fr: 'Denim Co. Jean slim stretch, brut, W32 L32',
      ja: 'Denim Co. スリムフィット ストレッチジーンズ ダークウォッシュ W32 L32',
    },
  },
  // books and media
  {
    sku: 'BK-AUSTEN-PP',
    category: 'books_media',
    printedBook: true,
    usdCents: 999,
    title: {
      en: 'Pride and Prejudice (Paperback) – Jane Austen',
      de: 'Stolz und Vorurteil (Taschenbuch) – Jane Austen',
      fr: 'Orgueil et Préjugés (Poche) – Jane Austen',
      ja: '高慢と偏見 (文庫) ジェイン・オースティン',
    },
  },
  {
    sku: 'BK-GOETHE-FAUST1',
    category: 'books_media',
    printedBook: true,
    usdCents: 1299,
    title: {
      en: 'Faust: Part One (Paperback) – Johann Wolfgang von Goethe',
      de: 'Faust. Der Tragödie erster Teil (Taschenbuch) – Johann Wolfgang von Goethe',
      fr: 'Faust, première partie (Poche) – Johann Wolfgang von Goethe',
      ja: 'ファウスト 第一部 (文庫) ゲーテ',
    },
  },
  {
    sku: 'BK-SOSEKI-CAT',
    category: 'books_media',
    printedBook: true,
    usdCents: 1499,
    title: {
      en: 'I Am a Cat (Paperback) – Natsume Sōseki',
      de: 'Ich der Kater (Taschenbuch) – Natsume Sōseki',
      fr: 'Je suis un chat (Poche) – Natsume Sôseki',
      ja: '吾輩は猫である (文庫) 夏目漱石',
    },
  },
  {
    sku: 'BD-OCEANS-BOX',
    category: 'books_media',
    usdCents: 3499,
    title: {
      en: 'Planet Oceans: The Complete Series [Blu-ray]',
      de: 'Planet Oceans – Die komplette Serie [Blu-ray]',
      fr: 'Planet Oceans : L’intégrale [Blu-ray]',
      ja: 'プラネット・オーシャンズ コンプリート・シリーズ [Blu-ray]',
    },
  },
  {
    sku: 'LP-BEETHOVEN-9',
    category: 'books_media',
    usdCents: 2999,
    title: {
      en: 'Beethoven: Symphony No. 9 [Vinyl LP]',
      de: 'Beethoven: Sinfonie Nr. 9 [Vinyl LP]',
      fr: 'Beethoven : Symphonie n° 9 [Vinyle]',
      ja: 'ベートーヴェン：交響曲第9番 [アナログ盤]',
    },
  },
  // software
  {
    sku: 'SW-SCRIBE-HOME-1Y',
    category: 'software',
    usdCents: 9999,
    title: {
      en: 'Scribe Office Home, 1 User, 12-Month Subscription [Download Code]',
      de: 'Scribe Office Home, 1 Nutzer, 12-Monats-Abo [Download-Code]',
      fr: 'Scribe Office Famille, 1 utilisateur, abonnement 12 mois [Code de téléchargement]',
      ja: 'Scribe Office Home 1ユーザー 12か月版 [オンラインコード版]',
    },
  },
  {
    sku: 'SW-SHIELD-3D-BOX',
    category: 'software',
    usdCents: 4999,
    title: {
      en: 'Shield Antivirus 2026, 3 Devices, 1 Year [Retail Box]',
      de: 'Shield Antivirus 2026, 3 Geräte, 1 Jahr [Box]',
      fr: 'Shield Antivirus 2026, 3 appareils, 1 an [Boîte]',
      ja: 'Shield アンチウイルス 2026 3台 1年版 [パッケージ版]',
    },
  },
  {
    sku: 'SW-PIXFORGE-12',
    category: 'software',
    usdCents: 7999,
    title: {
      en: 'PixelForge Studio 12 Photo Editor [PC/Mac, Retail Box]',
      de: 'PixelForge Studio 12 Bildbearbeitung [PC/Mac, Box]',
      fr: 'PixelForge Studio 12 Retouche photo [PC/Mac, Boîte]',
      ja: 'PixelForge Studio 12 写真編集ソフト [Win/Mac パッケージ版]',
    },
  },
  {
    sku: 'SW-SKYKNIGHTS-STD',
    category: 'software',
    usdCents: 5999,
    title: {
      en: 'Skyward Knights – Standard Edition (Video Game)',
      de: 'Skyward Knights – Standard Edition (Videospiel)',
      fr: 'Skyward Knights – Édition Standard (Jeu vidéo)',
      ja: 'スカイワード・ナイツ 通常版 (ゲームソフト)',
    },
  },
  // toys
  {
    sku: 'TOY-BRICK-FIRE',
    category: 'toys',
    usdCents: 8999,
    title: {
      en: 'BrickWorks City Fire Station Building Set (1,024 Pieces)',
      de: 'BrickWorks City Feuerwache Bauset (1.024 Teile)',
      fr: 'BrickWorks City Caserne de pompiers, jeu de construction (1 024 pièces)',
      ja: 'BrickWorks シティ 消防署 ブロックセット (1,024ピース)',
    },
  },
  {
    sku: 'TOY-RC-4WD',
    category: 'toys',
    usdCents: 4999,
    title: {
      en: 'Remote Control Off-Road Car 1:16, 4WD, 2.4 GHz',
      de: 'Ferngesteuertes Geländeauto 1:16, Allrad, 2,4 GHz',
      fr: 'Voiture tout-terrain télécommandée 1:16, 4x4, 2,4 GHz',
      ja: 'ラジコン オフロードカー 1/16 四輪駆動 2.4GHz',
    },
  },
  {
    sku: 'TOY-TRAIN-50',
    category: 'toys',
    usdCents: 3999,
    title: {
      en: 'Wooden Train Set, 50 Pieces',
      de: 'Holzeisenbahn-Set, 50 Teile',
      fr: 'Circuit de train en bois, 50 pièces',
      ja: '木製 汽車セット 50ピース',
    },
  },
  {
    sku: 'TOY-BEAR-30',
    category: 'toys',
    usdCents: 1999,
    title: {
      en: 'Plush Teddy Bear, 30 cm, Honey Brown',
      de: 'Plüsch-Teddybär, 30 cm, Honigbraun',
      fr: 'Ours en peluche, 30 cm, Miel',
      ja: 'テディベア ぬいぐるみ 30cm ハニーブラウン',
    },
  },
  {
    sku: 'TOY-GAME-HARBOUR',
    category: 'toys',
    usdCents: 3999,
    title: {
      en: 'Harbour Traders Strategy Board Game, 2–4 Players',
      de: 'Hafenhändler Strategie-Brettspiel, 2–4 Spieler',
      fr: 'Les Marchands du Port, jeu de stratégie, 2 à 4 joueurs',
      ja: 'ハーバー・トレーダーズ 戦略ボードゲーム 2〜4人用',
    },
  },
  // home
  {
    sku: 'HM-COOK-10',
    category: 'home',
    usdCents: 14999,
    title: {
      en: 'Stainless Steel Cookware Set, 10 Pieces, Induction Ready',
      de: 'Edelstahl-Kochtopfset, 10-teilig, induktionsgeeignet',
      fr: 'Batterie de cuisine en inox, 10 pièces, compatible induction',
      ja: 'ステンレス 鍋セット 10点 IH対応',
    },
  },
  {
    sku: 'HM-ESPRESSO-15',
    category: 'home',
    usdCents: 19999,
    serialPrefix: 'CE15',
    title: {
      en: 'Caffè Espresso Machine, 15 Bar, with Milk Frother',
      de: 'Caffè Espressomaschine, 15 bar, mit Milchaufschäumer',
      fr: 'Caffè Machine à expresso 15 bars avec mousseur à lait',
      ja: 'Caffè エスプレッソマシン 15気圧 ミルクフォーマー付き',
    },
  },
  {
    sku: 'HM-SHEETS-Q',
    category: 'home',
    usdCents: 4999,
    title: {
      en: 'Cotton Sateen Sheet Set, Queen, White',
      de: 'Bettwäsche-Set aus Baumwollsatin, 135 × 200 cm, Weiß',
      fr: 'Parure de lit en satin de coton, 240 × 220 cm, Blanc',
      ja: '綿サテン ベッドシーツセット クイーン ホワイト',
    },
  },
  {
    sku: 'HM-LAMP-LED',
    category: 'home',
    usdCents: 3499,
    title: {
      en: 'LED Desk Lamp with Dimmer and USB Port',
      de: 'LED-Schreibtischlampe, dimmbar, mit USB-Anschluss',
      fr: 'Lampe de bureau LED à intensité variable avec port USB',
      ja: 'LED デスクライト 調光機能 USBポート付き',
    },
  },
  {
    sku: 'HM-SKILLET-26',
    category: 'home',
    usdCents: 3999,
    title: {
      en: 'Cast Iron Skillet, 10.25 Inch, Pre-Seasoned',
      de: 'Gusseisenpfanne, 26 cm, eingebrannt',
      fr: 'Poêle en fonte, 26 cm, pré-culottée',
      ja: '鋳鉄スキレット 26cm シーズニング済み',
    },
  },
  // beauty and hygiene
  {
    sku: 'BH-SONIC-TB',
    category: 'beauty_hygiene',
    usdCents: 7999,
    title: {
      en: 'Sonic Electric Toothbrush with 2 Brush Heads',
      de: 'Elektrische Schallzahnbürste mit 2 Aufsteckbürsten',
      fr: 'Brosse à dents électrique sonique avec 2 brossettes',
      ja: '音波式 電動歯ブラシ 替えブラシ2本付き',
    },
  },
  {
    sku: 'BH-SHAVER-5',
    category: 'beauty_hygiene',
    usdCents: 12999,
    serialPrefix: 'SH5',
    title: {
      en: 'Series 5 Wet & Dry Electric Shaver for Men',
      de: 'Series 5 Elektrischer Nass- und Trockenrasierer für Herren',
      fr: 'Series 5 Rasoir électrique homme, usage sec et humide',
      ja: 'シリーズ5 メンズ 電気シェーバー お風呂剃り対応',
    },
  },
  {
    sku: 'BH-MOIST-SPF30',
    category: 'beauty_hygiene',
    usdCents: 2499,
    title: {
      en: 'Daily Face Moisturiser SPF 30, 50 ml',
      de: 'Tagescreme LSF 30, 50 ml',
      fr: 'Crème hydratante visage SPF 30, 50 ml',
      ja: '日中用 保湿クリーム SPF30 50ml',
    },
  },
  {
    sku: 'BH-SHAMPOO-2X500',
    category: 'beauty_hygiene',
    usdCents: 1599,
    title: {
      en: 'Argan Oil Shampoo, 2 × 500 ml',
      de: 'Arganöl-Shampoo, 2 × 500 ml',
      fr: 'Shampooing à l’huile d’argan, 2 × 500 ml',
      ja: 'アルガンオイル シャンプー 500ml×2本',
    },
  },
  {
    sku: 'BH-EDP-50',
    category: 'beauty_hygiene',
    usdCents: 6999,
    title: {
      en: 'Jardin Blanc Eau de Parfum, 50 ml',
      de: 'Jardin Blanc Eau de Parfum, 50 ml',
      fr: 'Jardin Blanc Eau de Parfum, 50 ml',
      ja: 'ジャルダン・ブラン オードパルファム 50ml',
    },
  },
  // jewelry
  {
    sku: 'JW-PENDANT-AG',
    category: 'jewelry',
    usdCents: 5999,
    title: {
      en: 'Sterling Silver Heart Pendant Necklace, 45 cm',
      de: 'Halskette mit Herzanhänger, 925 Sterlingsilber, 45 cm',
      fr: 'Collier pendentif cœur en argent 925, 45 cm',
      ja: 'シルバー925 ハート ペンダント ネックレス 45cm',
    },
  },
  {
    sku: 'JW-HOOP-14K',
    category: 'jewelry',
    usdCents: 24999,
    title: {
      en: '14K Gold Hoop Earrings, 20 mm',
      de: 'Creolen aus 585 Gelbgold, 20 mm',
      fr: 'Créoles en or jaune 14 carats, 20 mm',
      ja: '14金 フープピアス 20mm',
    },
  },
  {
    sku: 'JW-RING-AG-7',
    category: 'jewelry',
    usdCents: 4999,
    title: {
      en: 'Sterling Silver Band Ring, Size 7',
      de: 'Bandring aus 925 Sterlingsilber, Größe 54',
      fr: 'Bague anneau en argent 925, taille 54',
      ja: 'シルバー925 リング 13号',
    },
  },
  {
    sku: 'JW-WATCH-AUTO',
    category: 'jewelry',
    usdCents: 34999,
    serialPrefix: 'MA38',
    title: {
      en: 'Meridian Automatic Men’s Watch, Sapphire Crystal, 38 mm',
      de: 'Meridian Automatik-Herrenuhr, Saphirglas, 38 mm',
      fr: 'Meridian Montre automatique homme, verre saphir, 38 mm',
      ja: 'Meridian メンズ 自動巻き腕時計 サファイアガラス 38mm',
    },
  },
  {
    sku: 'JW-PEARL-BRC',
    category: 'jewelry',
    usdCents: 7999,
    title: {
      en: 'Freshwater Pearl Bracelet, 7–8 mm Pearls',
      de: 'Süßwasserperlen-Armband, Perlen 7–8 mm',
      fr: 'Bracelet de perles d’eau douce, perles 7–8 mm',
      ja: '淡水パール ブレスレット 7〜8mm',
    },
  },
];

const ASIN_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Amazon gives one ASIN per product across marketplaces: `B0` and eight capitals or digits.
 * Derived from the SKU so that it is stable and nobody has to keep a second column unique.
 */
function asinFor(sku: string): string {
  return `B0${prngFromString(`asin:${sku}`).chars(ASIN_ALPHABET, 8)}`;
}

export interface CatalogueEntry extends Product {
  asin: string;
}

export const CATALOGUE: readonly CatalogueEntry[] = PRODUCTS.map((p) => ({
  ...p,
  asin: asinFor(p.sku),
}));
