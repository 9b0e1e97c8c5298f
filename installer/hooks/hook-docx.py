# Replaces the contrib hook (all of python-docx's data): default-docx-template/ is the unzipped
# source of default.docx, ~1 MB that python-docx never opens.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("docx", excludes=["templates/default-docx-template", "templates/default-docx-template/**"])
