; Inno Setup script for Gouji (勾稽): a per-user installer for Windows, built from dist\gouji
; (PyInstaller, installer\gouji.spec). The workflow (.github/workflows/build.yml) runs:
;   iscc /DMyAppVersion=<version from pyproject.toml> installer\gouji.iss
; This file is UTF-8 with a byte-order mark, as Inno Setup needs for the Chinese text below.

#ifndef MyAppVersion
  #error 请用 /DMyAppVersion=版本号 传入版本（取自 pyproject.toml）：iscc /DMyAppVersion=<版本> installer\gouji.iss
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\gouji"
#endif
#define MyAppName "勾稽 Gouji"
#define MyAppExeName "gouji.exe"
#define MyVerbKey "Gouji.Check"
#define MyVerbText "用 Gouji 校验"

[Setup]
; AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{6F0C5E37-3B7A-4E0B-9C1D-52A4D8E1B7C2}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName={#MyAppName} {#MyAppVersion}
AppPublisher=Gouji
; Clerks rarely have administrator rights: install for the current user, under
; %LOCALAPPDATA%\Programs, with the context-menu entries under HKCU.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Gouji
DefaultGroupName=勾稽
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=Gouji-{#MyAppVersion}-windows-x64-setup
SetupIconFile=..\resources\icons\gouji.ico
UninstallDisplayIcon={app}\{#MyAppExeName}
UninstallDisplayName={#MyAppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
; Inno Setup ships Simplified Chinese in its Languages folder from 6.5 on (before that it was
; an unofficial translation); with an older compiler the wizard falls back to English.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "附加快捷方式："
Name: "contextmenu"; Description: "在 .txt 和 .docx 文件的右键菜单中加入“{#MyVerbText}”"; GroupDescription: "资源管理器："

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; Comment: "检查政府信息公开工作年度报告的统计表"
Name: "{group}\卸载 {#MyAppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; Tasks: desktopicon

[Registry]
; "用 Gouji 校验" on .txt and .docx files, whatever program opens them by default:
; SystemFileAssociations adds a verb without taking over the file type.
Root: HKCU; Subkey: "Software\Classes\SystemFileAssociations\.txt\shell\{#MyVerbKey}"; ValueType: string; ValueName: ""; ValueData: "{#MyVerbText}"; Tasks: contextmenu; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\SystemFileAssociations\.txt\shell\{#MyVerbKey}"; ValueType: string; ValueName: "Icon"; ValueData: """{app}\{#MyAppExeName}"",0"; Tasks: contextmenu
Root: HKCU; Subkey: "Software\Classes\SystemFileAssociations\.txt\shell\{#MyVerbKey}\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#MyAppExeName}"" ""%1"""; Tasks: contextmenu
Root: HKCU; Subkey: "Software\Classes\SystemFileAssociations\.docx\shell\{#MyVerbKey}"; ValueType: string; ValueName: ""; ValueData: "{#MyVerbText}"; Tasks: contextmenu; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\SystemFileAssociations\.docx\shell\{#MyVerbKey}"; ValueType: string; ValueName: "Icon"; ValueData: """{app}\{#MyAppExeName}"",0"; Tasks: contextmenu
Root: HKCU; Subkey: "Software\Classes\SystemFileAssociations\.docx\shell\{#MyVerbKey}\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#MyAppExeName}"" ""%1"""; Tasks: contextmenu

[Run]
Filename: "{app}\{#MyAppExeName}"; Description: "启动 {#MyAppName}"; Flags: nowait postinstall skipifsilent
