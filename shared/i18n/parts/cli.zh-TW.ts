// 繁體中文: the cli part of the catalogue, the same keys and arguments as cli.en.ts.
// Command and option names (--yes, --prune), virsh, SSH and URI stay as they are; the usage
// keeps the command lines of cli.en.ts and explains them in Chinese.
import type { cliEn } from './cli.en.ts';

export const cliZhTW: Record<keyof typeof cliEn, string> = {
  'cli.usage': `用法：
  virtwire show FILE                      印出已儲存拓撲的摘要
  virtwire web [--port N] [--open FILE]   啟動瀏覽器模式；印出要開啟的網址
  virtwire start [--open FILE]            啟動桌面應用程式（沒有 Electron 時改用瀏覽器模式）
  virtwire snapshot [USER@]HOST … --out FILE   把即時主機的拓撲寫成檔案（見 virtwire snapshot --help）
  virtwire diff FILE [USER@]HOST …        已儲存的拓撲與主機現況有哪些不同
  virtwire plan FILE [USER@]HOST …        讓主機符合檔案所需的步驟，以及每個步驟何時生效
  virtwire apply FILE [USER@]HOST … [--yes] [--prune] [--rollback-on-failure]
                                          執行這些步驟（見 virtwire apply --help）
  virtwire export FILE --format svg|png|dot|mermaid|drawio --out OUT [--view logical|wiring]
                                          輸出給其他工具使用的圖（見 virtwire export --help）
  virtwire --help | --version

結束代碼：0 完成，1 失敗（例如檔案不是有效的拓撲），2 用法錯誤；
snapshot、diff、plan、apply 和 export 有各自的結束代碼（見各自的 --help）。
`,
  'cli.usage.takesFiles': '{command} {count, plural, =0 {不接受檔案引數} other {需要剛好 # 個檔案引數}}。',
  'cli.usage.noOption': '{command} 沒有 {option} 選項。',
  'cli.usage.port': '--port 必須是 1 到 65535 之間的數字，不能是「{port}」。',
  'cli.usage.noCommand': '沒有指定指令。',
  'cli.usage.unknownCommand': '不明的指令「{command}」。',
  'cli.args.unknownOption': '不明的選項「{option}」。名稱以「-」開頭的檔案請放在最後，寫在「--」之後。',
  'cli.args.needsValue': '{option} 需要一個值。',
  'cli.args.takesNoValue': '{option} 不接受值。',
  'cli.warning': '警告：{message}',
  'cli.unexpected': '非預期的錯誤：{error}',

  'cli.file.notFound': '{path} 沒有檔案。',
  'cli.file.noFolder': '{path} 所在的資料夾不存在。',
  'cli.file.notAllowedOpen': 'VirtWire 沒有權限開啟 {path}。',
  'cli.file.notAllowedSave': 'VirtWire 沒有權限儲存 {path}。',
  'cli.file.folder': '{path} 是資料夾，不是拓撲檔案。',
  'cli.file.couldNotOpen': '無法開啟 {path}。',
  'cli.file.couldNotSave': '無法儲存 {path}。',

  'cli.show.totals': '{hosts} 台主機、{objects} 個物件、{links} 條連結',
  'cli.show.kinds': '{network} 個網路、{bridge} 個橋接器、{tap} 個 TAP 裝置、{vm} 台虛擬機器、{physical} 張實體網路卡、{missing} 個遺失的物件、{endpoint} 個網路卡端點',
  'cli.show.noNics': '（沒有虛擬機器網路卡）',
  'cli.show.network': '網路 {name}（{forward}，{state}）— 橋接器 {bridge}',
  'cli.show.networkNoBridge': '網路 {name}（{forward}，{state}）— 沒有橋接器',
  'cli.show.bridgeUnmanaged': '橋接器 {name}（{state}）— 不由任何網路管理',
  'cli.show.bridgeOf': '橋接器 {name}（{state}）— 屬於網路 {network}',
  'cli.show.missing':
    '遺失的{expected, select, network {網路} bridge {橋接器} device {裝置} other {{expected}}} {name} — 不在這台主機上：定義了網路卡接在它上面的虛擬機器無法啟動',
  'cli.show.endpoint': '端點 {name} — 沒有對應的主機物件',
  'cli.show.tap': 'TAP 裝置 {name}（{state}）',
  'cli.show.physical': '實體網路卡 {name}（{state}）',

  'cli.ssh.options': `  --port N            SSH 連接埠（預設 22）
  --identity FILE     用來登入的私密金鑰
  --known-hosts FILE  信任的主機金鑰（預設 ~/.ssh/known_hosts）
  --accept-new        信任第一次見到的主機（有指定 --known-hosts FILE 時會加進該檔案；
                      否則只在這次執行中記住）
  --uri URI           傳給 virsh 的 libvirt URI（預設 qemu:///system）
  --sudo              以 sudo -n 執行指令（給非 root 使用者）
`,
  'cli.ssh.notTarget': '「{target}」不是 [USER@]HOST。',
  'cli.ssh.acceptNewHint': '（若要信任它，請加上 --accept-new 再執行一次）',

  'cli.snapshot.usage': `用法：
  virtwire snapshot [USER@]HOST [--port N] [--identity FILE] [--known-hosts FILE]
                    [--accept-new] [--uri URI] [--sudo] --out FILE

透過 SSH 讀取主機的虛擬網路，寫成拓撲檔案。
  --known-hosts FILE  信任的主機金鑰（預設 ~/.ssh/known_hosts）
  --accept-new        信任第一次見到的主機（有指定 --known-hosts FILE 時會加進該檔案；
                      否則只在這次執行中記住）
  --uri URI           傳給 virsh 的 libvirt URI（預設 qemu:///system）
  --sudo              以 sudo -n 執行讀取（給非 root 使用者）

結束代碼：0 已寫入，2 用法錯誤，3 連線、登入或主機金鑰被拒，4 遠端指令失敗。
`,
  'cli.snapshot.oneHost': 'snapshot 只接受一台主機：[USER@]HOST。',
  'cli.snapshot.needsOut': 'snapshot 需要 --out FILE。',
  'cli.snapshot.written': '{host}：{networks} 個網路、{vms} 台虛擬機器、{bridges} 個橋接器、{taps} 個 TAP 裝置、{physical} 張實體網路卡 → {file}',

  'cli.desired.usage': `用法：
  virtwire diff  FILE [USER@]HOST [ssh options] [--json]
  virtwire plan  FILE [USER@]HOST [ssh options] [--prune] [--json]
  virtwire apply FILE [USER@]HOST [ssh options] [--prune] [--yes] [--rollback-on-failure]
                                                [--journal OUT]

比較已儲存的拓撲 FILE 與主機現況（diff）、列出讓主機符合檔案的步驟（plan），或執行這些步驟
（apply）。網路、橋接器、TAP 裝置、橋接器連接埠和虛擬機器網路卡會被建立、在 libvirt 允許時
就地變更，只有加上 --prune 才會移除；虛擬機器本身、它的磁碟、CPU 和記憶體一律不動。
{sshOptions}  --file-host ID      FILE 含有多台主機時，要比較哪一台（它的 id）
  --json              以 JSON 印出差異或計畫
  --prune             移除主機上有、檔案裡沒有的東西
  --yes               不詢問直接套用（沒有這個選項時，apply 會在終端機上詢問，
                      沒有終端機就拒絕）
  --rollback-on-failure  某個步驟失敗時，復原已執行的步驟，從最新的開始
  --journal OUT       把在主機上執行的每個指令寫到 OUT，成為 shell 指令稿

結束代碼：diff 0 相同，1 不同；plan 0 計畫能讓主機符合檔案，1 有些差異無法處理；
apply 0 主機符合檔案（刻意不動的除外），1 沒有完成（被拒絕，或仍有差異）；
全部：2 用法錯誤或 FILE 無法讀取，3 連線、登入或主機金鑰被拒，4 遠端指令失敗。
`,
  'cli.desired.fileAndHost': '{command} 需要一個檔案和一台主機：{command} FILE [USER@]HOST。',
  'cli.desired.noSuchHost': '{file} 裡沒有主機「{id}」；它含有的主機：{ids}。',
  'cli.desired.noSuchHostEmpty': '{file} 裡沒有主機「{id}」；它沒有任何主機。',
  'cli.desired.noHost': '{file} 裡沒有可以比較的主機。',
  'cli.desired.severalHosts': '{file} 含有 {count} 台主機（{ids}）；請用 --file-host ID 指定其中一台。',

  'cli.diff.matches': '{host} 與 {file} 相符：沒有差異。',
  'cli.diff.differs': '{host} 與 {file} 不同（- 只在檔案中，+ 只在主機上，~ 已變更）：',
  'cli.diff.count': '共 {count} 項差異。',
  'cli.diff.note': '注意：{note}',
  'cli.plan.nothing': '沒有需要執行的步驟。',
  'cli.plan.steps': '共 {count} 個步驟，依此順序執行：',
  'cli.plan.destructive': '［破壞性］',
  'cli.plan.changesHost': '變更主機。',
  'cli.plan.changesBothVm': '變更執行中的虛擬機器及其已儲存的定義。',
  'cli.plan.changesBothNetwork': '變更執行中的網路及其已儲存的定義。',
  'cli.plan.changesLiveVm': '只變更執行中的虛擬機器。',
  'cli.plan.changesLiveNetwork': '只變更執行中的網路。',
  'cli.plan.changesConfig': '只變更已儲存的定義。',
  'cli.plan.cannotUndo': '無法復原：{reason}',
  'cli.plan.noInverse': '無法復原：沒有反向操作',
  'cli.plan.whenEffect': '何時生效：',
  'cli.plan.whatItDoes': '會做的事：',
  'cli.plan.warnings': '警告：',
  'cli.plan.leftAlone': '維持不動：',
  'cli.plan.leftAloneNoPrune': '維持不動（在主機上、不在檔案中；--prune 會移除它們）：',
  'cli.plan.cannot': '無法處理（這些差異會留著）：',

  'cli.result.ran': '完成：{description}',
  'cli.result.skipped': '先前已完成：{description}',
  'cli.result.pending': '尚待處理：{description}',
  'cli.result.failed': '失敗：{description}',
  'cli.result.notRun': '未執行：{description}',
  'cli.result.exitCode': '結束代碼 {code}',
  'cli.result.host': '主機：{line}',

  'cli.apply.noTerminal': 'apply 會變更 {host}，但沒有終端機可以詢問：請先執行 `virtwire plan` 看看有哪些步驟，再加上 --yes 套用。沒有做任何變更。',
  'cli.apply.confirm': '要在 {host} 上執行{count, plural, other {這 # 個步驟}}嗎？[y/N] ',
  'cli.apply.nothingChanged': '沒有做任何變更。',
  'cli.apply.applying': '正在對 {host} 套用 {count} 個步驟：',
  'cli.apply.progress': '步驟 {step}/{total} {state, select, done {完成} skipped {已略過} pending {尚待處理} failed {失敗} other {{state}}}',
  'cli.apply.progressDetail': '步驟 {step}/{total} {state, select, done {完成} skipped {已略過} pending {尚待處理} failed {失敗} other {{state}}}：{detail}',
  'cli.apply.stopped': '計畫在失敗的步驟停止；之後的步驟都沒有執行：',
  'cli.apply.notRolledBack': '沒有回復任何步驟：已有 {count} 個步驟生效。再執行一次 apply 即可完成（已完成的步驟會略過），或加上 --rollback-on-failure 復原它們。',
  'cli.apply.noneTookEffect': '沒有任何步驟生效。',
  'cli.apply.cannotRollBack': '無法回復：{reason}',
  'cli.apply.rollingBack': '正在回復已生效的 {count} 個步驟：',
  'cli.apply.rollbackFailed': '回復也失敗了：主機停在中間的狀態。',
  'cli.apply.rolledBack': '已回復：主機回到執行 apply 之前的樣子。',
  'cli.apply.notDone': '沒有完成：{host} 仍與 {file} 不同：',
  'cli.apply.matches': '{host} 現在與 {file} 相符。',
  'cli.apply.matchesApartFrom': '{host} 現在與 {file} 相符，只有 {count} 個刻意不動的物件除外。',
  'cli.apply.journal': '已執行的 {count} 個指令的紀錄：{file}',

  'cli.export.usage': `用法：
  virtwire export FILE --format svg|png|dot|mermaid|drawio --out OUT [--view logical|wiring]
                  [--chromium PATH]

依指定的檢視（預設 logical：虛擬機器接到網路與橋接器；wiring：虛擬機器 → TAP → 橋接器 → 上行），
把已儲存拓撲的圖照應用程式的畫法寫出來。
  svg, png   和應用程式畫的一樣，使用它的版面與顏色；由應用程式自己的繪圖程式在無頭
             Chromium 中繪製，所以需要建置好的介面（npm run build）和 Chromium：
             --chromium PATH，否則 $VIRTWIRE_CHROMIUM，否則 PATH 上的 chromium
  dot        Graphviz；\`neato -n2 -Tsvg\` 保留應用程式的位置，\`dot\` 重新排版
  mermaid    Mermaid 流程圖，給 Markdown wiki 使用
  drawio     diagrams.net / draw.io 檔案，位置與應用程式相同，可以編輯
OUT 以 .svg、.png、.dot、.mmd 或 .drawio 結尾時可省略 --format。除了 png 以外，
OUT 都可以是 -（標準輸出）。

結束代碼：0 已寫入，1 失敗（檔案不是有效的拓撲、沒有 Chromium、沒有建置），2 用法錯誤。
`,
  'cli.export.oneFile': 'export 只接受一個拓撲檔案。',
  'cli.export.needsOut': 'export 需要 --out OUT（- 代表標準輸出）。',
  'cli.export.needsFormat': 'export 需要 --format（svg、png、dot、mermaid 或 drawio）。',
  'cli.export.badFormat': '--format 必須是 {formats} 其中之一，不能是「{format}」。',
  'cli.export.badView': '--view 必須是 logical 或 wiring，不能是「{view}」。',
  'cli.export.pngToTerminal': 'PNG 不會寫到終端機：請指定 --out FILE，或把輸出重新導向。',
  'cli.export.written':
    '{file}：{format}，{view, select, wiring {接線檢視} logical {邏輯檢視} other {{view} 檢視}}，{objects} 個物件和 {links} 條連結',
  'cli.export.chromiumNotThere': 'Chromium 不在 {path}（或在那裡無法執行）。',
  'cli.export.noChromium':
    'SVG 和 PNG 由應用程式在無頭 Chromium 中繪製，但找不到 Chromium：請安裝它（Debian/Ubuntu：apt install chromium），或用 --chromium PATH 或 VIRTWIRE_CHROMIUM 指定。dot、mermaid 和 drawio 不需要瀏覽器。',
  'cli.export.noPlaywright': 'SVG 和 PNG 需要 playwright-core（VirtWire 的開發套件之一）：請在 VirtWire 的資料夾中執行 `npm install`。',
  'cli.export.notBuilt': 'SVG 和 PNG 由應用程式自己的繪圖程式繪製，但它還沒有建置：請先執行 `npm run build`。',
  'cli.export.appError': '應用程式無法匯出：{error}',
  'cli.export.noDownload': '應用程式沒有匯出圖片：{error}',
  'cli.export.noDownloadPageErrors': '應用程式沒有匯出圖片：{error}（{pageErrors}）',
  'cli.export.chromiumFailed': '無頭 Chromium 失敗：{error}',

  'cli.start.downloading': '第一次啟動，正在下載 Electron…',
  'cli.start.noPackage': '沒有安裝 electron 套件',
  'cli.start.noInstaller': 'electron 套件沒有安裝程式',
  'cli.start.downloadUnfinished': '下載沒有完成（結束代碼 {code}）',
  'cli.start.downloadKilled': '下載沒有完成（被中止）',
  'cli.start.downloadFailed': '無法下載它的執行檔：{reason}',
  'cli.start.notInstalled': '沒有安裝它的執行檔',
  'cli.start.browserInstead': '這裡無法使用 Electron（{why}），所以 VirtWire 改以瀏覽器模式啟動。',
  'cli.start.notBuilt': '應用程式還沒有建置：請先執行 `npm run build`。',
  'cli.web.notBuilt': '介面還沒有建置：請先執行 `npm run build`。',
};
