"""Place names the guards recognise, written in normalised form (one token each).

The list holds provinces, provincial capitals and large or often-named regencies and cities.
Words that are also common Indonesian words ("batu", "batang", "pati", "banjar") are left
out. Places not listed are still recognised after a marker word (``kabupaten X``, ``desa X``,
``bupati X``; see :data:`PLACE_MARKERS`).
"""

from __future__ import annotations

__all__ = ["ORGANISATIONS", "ORG_MARKERS", "PLACES", "PLACE_MARKERS"]

PLACE_MARKERS: frozenset[str] = frozenset(
    {"kabupaten", "kota", "desa", "kecamatan", "kelurahan", "provinsi", "pemkab", "pemkot",
     "pemprov", "polres", "polda", "polsek", "kodim", "bupati", "walikota", "wali",
     "gubernur", "rsud", "dprd", "kampung", "dusun", "kejari", "kejati", "pengadilan", "pn",
     "bandara", "pelabuhan", "stasiun", "terminal", "pasar", "alun"}
)  # fmt: skip
"""Words after which the next token is read as a place name."""

PLACES: frozenset[str] = frozenset(
    """
    aceh sumut sumbar riau jambi bengkulu lampung babel kepri jakarta dki jabar jateng jatim
    banten bali ntb ntt kalbar kalteng kalsel kaltim kaltara sulut sulteng sulsel sultra
    gorontalo sulbar maluku malut papua yogyakarta jogja yogya diy
    medan padang pekanbaru palembang pangkalpinang tanjungpinang batam bandarlampung serang
    bandung semarang surabaya denpasar mataram kupang pontianak palangkaraya banjarmasin
    samarinda balikpapan tarakan manado palu makassar kendari mamuju ambon ternate jayapura
    manokwari sorong merauke nabire timika
    bogor depok bekasi tangerang cilegon sukabumi cianjur garut tasikmalaya ciamis kuningan
    cirebon indramayu majalengka sumedang subang purwakarta karawang pangandaran cimahi
    tegal brebes pekalongan kendal demak kudus jepara rembang blora grobogan sragen
    karanganyar wonogiri sukoharjo klaten boyolali magelang temanggung wonosobo purworejo
    kebumen banjarnegara purbalingga banyumas purwokerto cilacap salatiga surakarta solo
    sleman bantul gunungkidul kulonprogo
    sidoarjo gresik mojokerto jombang kediri blitar tulungagung madiun ngawi ponorogo pacitan
    trenggalek lamongan tuban bojonegoro pasuruan probolinggo lumajang jember banyuwangi
    bondowoso situbondo bangkalan sampang pamekasan sumenep madura malang nganjuk magetan
    binjai tebingtinggi pematangsiantar siantar sibolga asahan langkat karo nias
    bukittinggi payakumbuh pariaman solok sawahlunto dumai lhokseumawe langsa sabang meulaboh
    bireuen pidie lubuklinggau prabumulih baturaja muaraenim palopo parepare bone gowa maros
    bulukumba bitung tomohon bontang kutai tenggarong singkawang ketapang sintang
    lombok sumbawa bima flores ende maumere labuanbajo sumba alor atambua
    gianyar tabanan buleleng singaraja badung klungkung karangasem jembrana kuta ubud
    ikn nusantara penajam monas serpong cibubur ciputat pamulang cikarang
    jawa sumatra sumatera kalimantan sulawesi sumsel nusa tenggara
    """.split()
)
"""Known place names, each a single normalised token."""

ORG_MARKERS: frozenset[str] = frozenset({"bank", "pt"})
"""Words after which the next token is read as the name of a company or bank."""

ORGANISATIONS: frozenset[str] = frozenset(
    """
    bri bni bca btn bsi bjb muamalat danamon cimb permata panin maybank ocbc btpn bukopin
    jenius seabank allobank ovo gopay shopeepay linkaja shopee tokopedia lazada bukalapak
    blibli telkomsel indosat smartfren pertamina pln telkom pelindo antam freeport garuda
    bulog jne sicepat indomaret alfamart
    """.split()
)
"""Banks, e-wallets, marketplaces and state companies that scam templates swap for each
other ("undian BRI" vs "undian BNI"); words that are also common Indonesian words ("dana",
"mandiri", "pos") are left out and only recognised after a marker (``bank mandiri``)."""
