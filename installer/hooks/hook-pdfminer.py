# Replaces the contrib hook (all of pdfminer's data): keep the CMaps of Adobe-GB1, the character
# collection of simplified Chinese that mainland reports use (UniGB-*, GB*-*, to-unicode-Adobe-GB1),
# plus the font-independent Identity ones pdfminer builds in. Left out, ~5.8 MB: Japanese
# (Adobe-Japan1), Korean (Adobe-Korea1) and traditional Chinese (Adobe-CNS1: Big5, HKSCS). A PDF
# whose non-embedded fonts need one of those reads with those characters missing, and Gouji
# then says it found no table, in Chinese.
from PyInstaller.utils.hooks import collect_data_files

NOT_GB1 = [
    # Adobe-Japan1
    "78*", "83pv*", "90*", "Add-*", "Ext-*", "EUC-[HV].*", "H.*", "V.*", "Hankaku-*", "Hiragana-*",
    "Katakana-*", "NWP-*", "RKSJ-*", "Roman-*", "WP-Symbol-*", "UniJIS*", "to-unicode-Adobe-Japan1.*",
    # Adobe-Korea1
    "KSC*", "UniKS*", "to-unicode-Adobe-Korea1.*",
    # Adobe-CNS1
    "B5*", "CNS*", "ETen*", "ETHK*", "HK*", "UniCNS*", "to-unicode-Adobe-CNS1.*",
]

datas = collect_data_files("pdfminer", excludes=[f"cmap/{p}" for p in NOT_GB1])
