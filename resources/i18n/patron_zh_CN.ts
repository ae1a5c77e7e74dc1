<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>Remove a line from the cart</source>
        <translation>从购物车删除一行</translation>
    </message>
    <message>
        <source>Void the whole cart</source>
        <translation>作废整单</translation>
    </message>
    <message>
        <source>Discount above the limit</source>
        <translation>超出限额的折扣</translation>
    </message>
    <message>
        <source>Change a price</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Void a completed sale</source>
        <translation>作废已完成的交易</translation>
    </message>
    <message>
        <source>Open the cash drawer (no sale)</source>
        <translation>打开钱箱（无交易）</translation>
    </message>
    <message>
        <source>Close the shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>Open the Devices screen</source>
        <translation>打开设备管理界面</translation>
    </message>
    <message>
        <source>Open the kiosk&apos;s staff screen</source>
        <translation>打开自助机员工界面</translation>
    </message>
    <message>
        <source>Reset a staff member&apos;s PIN</source>
        <translation>重置员工密码</translation>
    </message>
</context>
<context>
    <name>Arrivals</name>
    <message>
        <source>{0} arrived ({1}, {2} points)</source>
        <translation>{0} 到店了（{1}，{2} 积分）</translation>
    </message>
</context>
<context>
    <name>Backoffice</name>
    <message>
        <source>Patron back office</source>
        <translation>Patron 后台管理</translation>
    </message>
    <message>
        <source>coalition operator</source>
        <translation>联盟运营方</translation>
    </message>
    <message>
        <source>merchant manager</source>
        <translation>商户经理</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>BackofficeForms</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BackofficePages</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Merchants and stores</source>
        <translation>商户与门店</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Rewards and wallet</source>
        <translation>积分兑换与储值钱包</translation>
    </message>
    <message>
        <source>Conversion partners</source>
        <translation>积分转换合作方</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Points expiry</source>
        <translation>积分过期</translation>
    </message>
    <message>
        <source>Catalogue import</source>
        <translation>商品目录导入</translation>
    </message>
    <message>
        <source>Earning rules</source>
        <translation>积分规则</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Point codes</source>
        <translation>积分码</translation>
    </message>
</context>
<context>
    <name>BackofficeSignIn</name>
    <message>
        <source>Enter your staff code and PIN.</source>
        <translation>请输入员工编号和 PIN。</translation>
    </message>
    <message>
        <source>Patron back office</source>
        <translation>Patron 后台管理</translation>
    </message>
    <message>
        <source>Staff code</source>
        <translation>员工编号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CameraPreview</name>
    <message>
        <source>{0:.1f} fps — no picture yet</source>
        <translation>{0:.1f} 帧/秒 — 暂无画面</translation>
    </message>
    <message>
        <source>{0:.1f} fps · {1}×{2}</source>
        <translation>{0:.1f} 帧/秒 · {1}×{2}</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>无画面</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>CartPanel</name>
    <message>
        <source>One less (-)</source>
        <translation>减一 (-)</translation>
    </message>
    <message>
        <source>One more (+)</source>
        <translation>加一 (+)</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Change the quantity (F4)</source>
        <translation>修改数量 (F4)</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Discount on this line (F5)</source>
        <translation>本行折扣 (F5)</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>Change the price (manager, F7)</source>
        <translation>改价（需经理，F7）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove this line (manager, F10)</source>
        <translation>删除本行（需经理，F10）</translation>
    </message>
    <message>
        <source>Scan a barcode or tap a product to start the sale.</source>
        <translation>扫描条码或点选商品，开始收银。</translation>
    </message>
</context>
<context>
    <name>CashierWindow</name>
    <message>
        <source>The sale in progress was restored after a restart ({0} lines). Check it with the customer and continue.</source>
        <translation>重启后已恢复进行中的交易（{0} 行）。请与顾客核对后继续。</translation>
    </message>
    <message>
        <source>Barcode {0} cannot be used: {1} Search for the product by name instead.</source>
        <translation>条码 {0} 无法使用：{1} 请按名称搜索商品。</translation>
    </message>
    <message>
        <source>Unknown barcode {0}: it is not in the catalogue. Search for the product by name instead.</source>
        <translation>未知条码 {0}：商品库中没有此商品。请按名称搜索。</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>按名称搜索</translation>
    </message>
    <message>
        <source>Patron — till</source>
        <translation>Patron — 收银台</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Keypad</source>
        <translation>数字键盘</translation>
    </message>
</context>
<context>
    <name>CatalogueImport</name>
    <message>
        <source>The merchant&apos;s own product code (up to 40 characters); products are matched by it</source>
        <translation>商户自己的商品编码（最多 40 个字符）；按它匹配商品</translation>
    </message>
    <message>
        <source>Product name as shown and printed</source>
        <translation>显示和打印的商品名称</translation>
    </message>
    <message>
        <source>Price in yuan with tax, e.g. 12.80 (per kg when sold by weight)</source>
        <translation>含税售价（元），如 12.80（称重商品为每千克价格）</translation>
    </message>
    <message>
        <source>VAT in percent, e.g. 13 or 9%; default 13</source>
        <translation>增值税率（百分比），如 13 或 9%；默认 13</translation>
    </message>
    <message>
        <source>Category name; a new one is created</source>
        <translation>分类名称；不存在时自动新建</translation>
    </message>
    <message>
        <source>EAN-13, EAN-8, UPC-A or UPC-E; several separated by | or ;</source>
        <translation>EAN-13、EAN-8、UPC-A 或 UPC-E；多个条码用 | 或 ; 分隔</translation>
    </message>
    <message>
        <source>Up to 5 digits: the item code on scale labels</source>
        <translation>最多 5 位数字：电子秤标签上的商品码</translation>
    </message>
    <message>
        <source>Extra points per unit sold; default 0</source>
        <translation>每售出一件的额外积分；默认 0</translation>
    </message>
    <message>
        <source>Weight of one unit in grams, for the scale check</source>
        <translation>单件重量（克），用于称重核对</translation>
    </message>
    <message>
        <source>Allowed weight difference in grams</source>
        <translation>允许的重量误差（克）</translation>
    </message>
    <message>
        <source>Unit or Weight; default Unit</source>
        <translation>计件 或 称重；默认 计件</translation>
    </message>
    <message>
        <source>The product&apos;s English name, shown on English screens and receipts</source>
        <translation>商品的英文名称，在英文界面和小票上显示</translation>
    </message>
    <message>
        <source>Yes or No (also 1/0, true/false); default Yes</source>
        <translation>是 或 否（也可写 1/0）；默认 是</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在检查每一行…</translation>
    </message>
    <message>
        <source>Comparing with the catalogue…</source>
        <translation>正在与商品目录比对…</translation>
    </message>
    <message>
        <source>Writing products…</source>
        <translation>正在写入商品…</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Also accepted</source>
        <translation>也可用的列名</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Choose a catalogue file</source>
        <translation>选择商品目录文件</translation>
    </message>
    <message>
        <source>Catalogue files (*.csv *.xlsx);;All files (*)</source>
        <translation>商品目录文件 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：未导入任何内容。</translation>
    </message>
    <message>
        <source>Dry run finished: nothing was written.</source>
        <translation>试运行完成：未写入任何内容。</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <source>Save the rejected rows</source>
        <translation>保存被拒绝的行</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The report could not be saved: {0}</source>
        <translation>报告无法保存：{0}</translation>
    </message>
    <message>
        <source>Saved {0} rejected rows to {1}</source>
        <translation>已将 {0} 个被拒绝的行保存到 {1}</translation>
    </message>
    <message>
        <source>Catalogue import</source>
        <translation>商品目录导入</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>No file chosen (CSV or XLSX)</source>
        <translation>尚未选择文件（CSV 或 XLSX）</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Skip the rejected rows and import the rest</source>
        <translation>跳过被拒绝的行，导入其余行</translation>
    </message>
    <message>
        <source>Export rejected rows…</source>
        <translation>导出被拒绝的行…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列说明</translation>
    </message>
    <message>
        <source>First rows</source>
        <translation>前几行</translation>
    </message>
    <message>
        <source>Rejected rows ({0})</source>
        <translation>被拒绝的行（{0}）</translation>
    </message>
    <message>
        <source>The first row names the columns (see the Columns tab). Products are matched by sku: an empty cell or a column left out keeps what the product has; barcodes listed are added. Run the dry run first: it writes nothing.</source>
        <translation>第一行是列名（见“列说明”）。按商品编码（sku）匹配商品：空单元格或未提供的列保留商品原有的值；列出的条码会被添加。请先试运行：试运行不写入任何内容。</translation>
    </message>
    <message>
        <source>{0}: {1} rows — {2} new, {3} updated, {4} unchanged, {5} rejected.</source>
        <translation>{0}：共 {1} 行 —— 新增 {2}，更新 {3}，不变 {4}，拒绝 {5}。</translation>
    </message>
    <message>
        <source>New categories: {0}.</source>
        <translation>新分类：{0}。</translation>
    </message>
    <message>
        <source>A file with rejected rows imports nothing unless you choose to skip them.</source>
        <translation>文件中有被拒绝的行时不会导入任何内容，除非您选择跳过这些行。</translation>
    </message>
    <message>
        <source>Imported: {0} new, {1} updated, {2} unchanged.</source>
        <translation>已导入：新增 {0}，更新 {1}，不变 {2}。</translation>
    </message>
    <message>
        <source>{0} rejected rows were skipped.</source>
        <translation>已跳过 {0} 个被拒绝的行。</translation>
    </message>
</context>
<context>
    <name>ChangeDue</name>
    <message>
        <source>{0} points</source>
        <translation>{0} 积分</translation>
    </message>
    <message>
        <source>Receipt {0}: printing…</source>
        <translation>小票 {0}：正在打印…</translation>
    </message>
    <message>
        <source>✓ Receipt {0} printed</source>
        <translation>✓ 小票 {0} 已打印</translation>
    </message>
    <message>
        <source>Receipt {0} NOT printed ({1}): print it again once the printer is ready.</source>
        <translation>小票 {0} 未打印（{1}）：打印机就绪后请重新打印。</translation>
    </message>
    <message>
        <source>Receipt {0}</source>
        <translation>小票 {0}</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <source>Next customer</source>
        <translation>下一位顾客</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>No change due</source>
        <translation>无需找零</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>{0}: +{1} points, balance {2} points</source>
        <translation>{0}：+{1} 积分，余额 {2} 积分</translation>
    </message>
    <message>
        <source>{0}: +{1} points</source>
        <translation>{0}：+{1} 积分</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <source>Counted: {0}</source>
        <translation>清点合计：{0}</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>Close the shift — count the drawer</source>
        <translation>交班 — 清点钱箱</translation>
    </message>
    <message>
        <source>Tap a note or coin, type how many are in the drawer on the keypad (↵ goes to the next one). A manager approves the closing.</source>
        <translation>点选一种面额，用数字键输入钱箱里的张数/枚数（↵ 跳到下一种）。关班需店长批准。</translation>
    </message>
</context>
<context>
    <name>CodeEntry</name>
    <message>
        <source>Scan or type a barcode, a name or pinyin initials — 3* sets the quantity</source>
        <translation>扫描或输入条码、名称或拼音首字母 — 3* 设置数量</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Search the catalogue (F2)</source>
        <translation>搜索商品 (F2)</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Members earn points at every store of the coalition.</source>
        <translation>会员在联盟每家门店消费都可积分。</translation>
    </message>
    <message>
        <source>Not a member yet? Register at the till with your mobile number.</source>
        <translation>还不是会员？在收银台用手机号即可注册。</translation>
    </message>
    <message>
        <source>Pay with points: ask the cashier.</source>
        <translation>积分可抵现金，请询问收银员。</translation>
    </message>
    <message>
        <source>Today&apos;s offers are waiting at the kiosk by the door.</source>
        <translation>今日优惠请到门口自助机领取。</translation>
    </message>
    <message>
        <source>(price changed)</source>
        <translation>（已改价）</translation>
    </message>
    <message>
        <source>Total {0}</source>
        <translation>合计 {0}</translation>
    </message>
    <message>
        <source>Welcome, {0} — {1} points</source>
        <translation>欢迎您，{0} — 积分 {1}</translation>
    </message>
    <message>
        <source>This purchase earns {0} points</source>
        <translation>本次消费可得 {0} 积分</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty × price</source>
        <translation>数量 × 单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>You save</source>
        <translation>已优惠</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>谢谢惠顾！</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎光临</translation>
    </message>
    <message>
        <source>I agree</source>
        <translation>我同意</translation>
    </message>
</context>
<context>
    <name>DevicePanel</name>
    <message>
        <source>Barcode scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Scanner camera</source>
        <translation>扫码摄像头</translation>
    </message>
</context>
<context>
    <name>DeviceSettings</name>
    <message>
        <source>Printer type</source>
        <translation>打印机类型</translation>
    </message>
    <message>
        <source>Scale type</source>
        <translation>电子秤类型</translation>
    </message>
    <message>
        <source>Scanner type</source>
        <translation>扫码枪类型</translation>
    </message>
    <message>
        <source>Card reader type</source>
        <translation>读卡器类型</translation>
    </message>
    <message>
        <source>Camera type</source>
        <translation>摄像头类型</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Keyboard wedge (USB)</source>
        <translation>键盘模拟（USB）</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>Simulator (no hardware)</source>
        <translation>模拟器（无硬件）</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Video camera or stream</source>
        <translation>摄像头或视频流</translation>
    </message>
    <message>
        <source>ESC/POS over USB</source>
        <translation>ESC/POS（USB 连接）</translation>
    </message>
    <message>
        <source>ESC/POS over a serial port</source>
        <translation>ESC/POS（串口连接）</translation>
    </message>
    <message>
        <source>ESC/POS over the network</source>
        <translation>ESC/POS（网络连接）</translation>
    </message>
    <message>
        <source>ESC/POS to a device file</source>
        <translation>ESC/POS（写入设备文件）</translation>
    </message>
    <message>
        <source>PDF files (no paper)</source>
        <translation>PDF 文件（不出纸）</translation>
    </message>
    <message>
        <source>Captured in memory (tests)</source>
        <translation>内存捕获（测试用）</translation>
    </message>
    <message>
        <source>Mettler Toledo 8217 protocol</source>
        <translation>梅特勒-托利多 8217 协议</translation>
    </message>
    <message>
        <source>CAS ECR protocol</source>
        <translation>CAS ECR 协议</translation>
    </message>
    <message>
        <source>Camera (reads barcodes from the picture)</source>
        <translation>摄像头（从画面识别条码）</translation>
    </message>
    <message>
        <source>Simulator of the {0}</source>
        <translation>{0}的模拟器</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Speed (baud)</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Data bits</source>
        <translation>数据位</translation>
    </message>
    <message>
        <source>Parity</source>
        <translation>校验位</translation>
    </message>
    <message>
        <source>Stop bits</source>
        <translation>停止位</translation>
    </message>
    <message>
        <source>Software flow control</source>
        <translation>软件流控</translation>
    </message>
    <message>
        <source>Hardware flow control (RTS/CTS)</source>
        <translation>硬件流控（RTS/CTS）</translation>
    </message>
    <message>
        <source>Hardware flow control (DSR/DTR)</source>
        <translation>硬件流控（DSR/DTR）</translation>
    </message>
    <message>
        <source>Read timeout</source>
        <translation>读取超时</translation>
    </message>
    <message>
        <source>Write timeout</source>
        <translation>写入超时</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <source>Printer model</source>
        <translation>打印机型号</translation>
    </message>
    <message>
        <source>Network address</source>
        <translation>网络地址</translation>
    </message>
    <message>
        <source>USB vendor ID</source>
        <translation>USB 厂商 ID</translation>
    </message>
    <message>
        <source>USB product ID</source>
        <translation>USB 产品 ID</translation>
    </message>
    <message>
        <source>USB in endpoint</source>
        <translation>USB 输入端点</translation>
    </message>
    <message>
        <source>USB out endpoint</source>
        <translation>USB 输出端点</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Device file</source>
        <translation>设备文件</translation>
    </message>
    <message>
        <source>Ask the printer for its status</source>
        <translation>查询打印机状态</translation>
    </message>
    <message>
        <source>Status check every</source>
        <translation>状态检查间隔</translation>
    </message>
    <message>
        <source>Longest wait between reconnects</source>
        <translation>最长重连间隔</translation>
    </message>
    <message>
        <source>Weight unit</source>
        <translation>重量单位</translation>
    </message>
    <message>
        <source>Simulated weight unit</source>
        <translation>模拟重量单位</translation>
    </message>
    <message>
        <source>Simulated weight</source>
        <translation>模拟重量</translation>
    </message>
    <message>
        <source>Handshake before each reading</source>
        <translation>每次读数前握手</translation>
    </message>
    <message>
        <source>Ask for the weight every</source>
        <translation>读取重量间隔</translation>
    </message>
    <message>
        <source>Wait for an answer</source>
        <translation>应答等待时间</translation>
    </message>
    <message>
        <source>Disconnected after no answer for</source>
        <translation>无应答多久判定断开</translation>
    </message>
    <message>
        <source>Readings to confirm a weight</source>
        <translation>确认重量所需读数</translation>
    </message>
    <message>
        <source>Shortest wait between reconnects</source>
        <translation>最短重连间隔</translation>
    </message>
    <message>
        <source>Member card ranges</source>
        <translation>会员卡号段</translation>
    </message>
    <message>
        <source>NFC card number length (bytes)</source>
        <translation>NFC 卡号长度（字节）</translation>
    </message>
    <message>
        <source>NFC number format</source>
        <translation>NFC 卡号格式</translation>
    </message>
    <message>
        <source>NFC byte order</source>
        <translation>NFC 字节序</translation>
    </message>
    <message>
        <source>NFC prefix</source>
        <translation>NFC 前缀</translation>
    </message>
    <message>
        <source>Codes end with</source>
        <translation>条码结束键</translation>
    </message>
    <message>
        <source>An end key is required</source>
        <translation>必须有结束键</translation>
    </message>
    <message>
        <source>Longest gap between keys</source>
        <translation>按键最长间隔</translation>
    </message>
    <message>
        <source>Shortest code</source>
        <translation>最短条码长度</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>后缀</translation>
    </message>
    <message>
        <source>Time keys by their events</source>
        <translation>按按键事件计时</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <source>Keep GS1 separators</source>
        <translation>保留 GS1 分隔符</translation>
    </message>
    <message>
        <source>Barcode types</source>
        <translation>条码类型</translation>
    </message>
    <message>
        <source>Video source</source>
        <translation>视频源</translation>
    </message>
    <message>
        <source>Picture width</source>
        <translation>画面宽度</translation>
    </message>
    <message>
        <source>Picture height</source>
        <translation>画面高度</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Play the video in a loop</source>
        <translation>循环播放视频</translation>
    </message>
    <message>
        <source>Keyboard wedge</source>
        <translation>键盘模拟</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>DeviceStatus</name>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>error</source>
        <translation>故障</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>error</source>
        <translation>故障</translation>
    </message>
</context>
<context>
    <name>DevicesScreen</name>
    <message>
        <source>{0} of {1} devices connected</source>
        <translation>{1} 台设备中 {0} 台已连接</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <source>Enter a number like 5 or 2.50.</source>
        <translation>请输入数字，例如 5 或 2.50。</translation>
    </message>
    <message>
        <source>A percentage is at most 100.</source>
        <translation>百分比最多为 100。</translation>
    </message>
    <message>
        <source>Discount {0} → pay {1}</source>
        <translation>折扣 {0} → 应付 {1}</translation>
    </message>
    <message>
        <source>Above {0}: a manager must approve.</source>
        <translation>超过 {0}：需经理批准。</translation>
    </message>
    <message>
        <source>The discount cannot be more than {0}.</source>
        <translation>折扣不能超过 {0}。</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Discount: {0}</source>
        <translation>折扣：{0}</translation>
    </message>
    <message>
        <source>Price before discount: {0}</source>
        <translation>折前价格：{0}</translation>
    </message>
    <message>
        <source>Amount (¥)</source>
        <translation>金额 (¥)</translation>
    </message>
    <message>
        <source>Percent (%)</source>
        <translation>百分比 (%)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>EarningRules</name>
    <message>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>{0} points per {1}</source>
        <translation>每 {1} 得 {0} 分</translation>
    </message>
    <message>
        <source>base rate</source>
        <translation>基础积分率</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Add products or type a basket total.</source>
        <translation>请添加商品或输入购物金额。</translation>
    </message>
    <message>
        <source>A {0} basket of {1} items earns {2} points</source>
        <translation>{1} 件商品共 {0}，可得 {2} 积分</translation>
    </message>
    <message>
        <source>A {0} basket earns {1} points</source>
        <translation>消费 {0} 可得 {1} 积分</translation>
    </message>
    <message>
        <source>{0} points at the rates</source>
        <translation>按积分率 {0} 分</translation>
    </message>
    <message>
        <source>× tier {0} %</source>
        <translation>× 等级 {0} %</translation>
    </message>
    <message>
        <source>× promotion “{0}” {1} %</source>
        <translation>× 促销“{0}” {1} %</translation>
    </message>
    <message>
        <source>no promotion at that time</source>
        <translation>该时间无促销</translation>
    </message>
    <message>
        <source>+ {0} bonus points</source>
        <translation>+ 奖励 {0} 分</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Delete this points rule?</source>
        <translation>删除这条积分规则？</translation>
    </message>
    <message>
        <source>Delete this promotion?</source>
        <translation>删除这个促销？</translation>
    </message>
    <message>
        <source>Earning rules</source>
        <translation>积分规则</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>How a sale&apos;s points are worked out: money paid with points earns nothing. Each line earns at its product&apos;s rule, else its category&apos;s rule, else the base rate. The total is rounded down, then multiplied by the member&apos;s tier and by the single best promotion in force at the store&apos;s local time (promotions do not add up), and rounded down again. Bonus points per unit are added last and are not multiplied.</source>
        <translation>积分计算顺序：用积分支付的金额不再积分。每行商品先按商品规则，没有则按品类规则，再没有则按基础积分率计分。合计向下取整后，乘以会员等级倍率和门店当地时间生效的最优一个促销（促销不叠加），再向下取整。每件奖励积分最后加上，不参与倍率。</translation>
    </message>
    <message>
        <source>Base rate and tiers</source>
        <translation>基础积分率与等级</translation>
    </message>
    <message>
        <source>Product and category rules</source>
        <translation>商品与品类规则</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>促销</translation>
    </message>
    <message>
        <source>Base rate: points for every amount spent</source>
        <translation>基础积分率：每消费一定金额所得积分</translation>
    </message>
    <message>
        <source>points per ¥</source>
        <translation>分 / 每 ¥</translation>
    </message>
    <message>
        <source>Save base rate</source>
        <translation>保存基础积分率</translation>
    </message>
    <message>
        <source>Tier multipliers</source>
        <translation>等级倍率</translation>
    </message>
    <message>
        <source>A member&apos;s points here are multiplied by their tier&apos;s percentage (100 % = unchanged).</source>
        <translation>会员在本商户所得积分按其等级的百分比计算（100 % 即不变）。</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Multiplier</source>
        <translation>倍率</translation>
    </message>
    <message>
        <source>Save multipliers</source>
        <translation>保存倍率</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用于</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>积分率</translation>
    </message>
    <message>
        <source>Bonus per unit</source>
        <translation>每件奖励</translation>
    </message>
    <message>
        <source>New rule…</source>
        <translation>新建规则…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>New promotion…</source>
        <translation>新建促销…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Member tier</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Store time</source>
        <translation>门店时间</translation>
    </message>
    <message>
        <source>Basket total (¥)</source>
        <translation>购物金额（¥）</translation>
    </message>
    <message>
        <source>Or products (grams if weighed):</source>
        <translation>或按商品（称重商品填克数）：</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>Clear products</source>
        <translation>清空商品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Enter a whole number.</source>
        <translation>请输入整数。</translation>
    </message>
    <message>
        <source>Enter an amount like 12.50.</source>
        <translation>请输入金额，例如 12.50。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>too many wrong manager PINs; approvals are locked for {minutes} minutes, then the manager tries again</source>
        <comment>approval.locked</comment>
        <translation>经理密码错误次数过多，审批已锁定 {minutes} 分钟，之后请经理再试。</translation>
    </message>
    <message>
        <source>{action} is not a change to a cart</source>
        <comment>approval.unknown_cart_action</comment>
        <translation>{action} 不是购物车操作。</translation>
    </message>
    <message>
        <source>wrong manager PIN; the manager enters it again</source>
        <comment>approval.wrong_pin</comment>
        <translation>经理密码错误，请经理重新输入。</translation>
    </message>
    <message>
        <source>{name} is a manager of no merchant</source>
        <comment>backoffice.manager_without_merchant</comment>
        <translation>{name} 是经理，但未属于任何商户</translation>
    </message>
    <message>
        <source>only the coalition operator may do this</source>
        <comment>backoffice.operator_only</comment>
        <translation>只有联盟运营方可以执行此操作</translation>
    </message>
    <message>
        <source>{name} may only see and change their own merchant&apos;s data</source>
        <comment>backoffice.other_merchant</comment>
        <translation>{name} 只能查看和修改本商户的数据</translation>
    </message>
    <message>
        <source>{name} is a {role}; the back office is for managers and the coalition operator</source>
        <comment>backoffice.role_refused</comment>
        <translation>{name} 的角色是 {role}；后台仅供经理和联盟运营方使用</translation>
    </message>
    <message>
        <source>this coupon is already on a card</source>
        <comment>card.already_carded</comment>
        <translation>这张电子券已经装入储值卡</translation>
    </message>
    <message>
        <source>card {number} was already returned</source>
        <comment>card.already_returned</comment>
        <translation>储值卡 {number} 已经归还过了</translation>
    </message>
    <message>
        <source>“{number}” is not a card number of this kiosk&apos;s dispenser</source>
        <comment>card.bad_number</comment>
        <translation>“{number}”不是本机发卡器的卡号</translation>
    </message>
    <message>
        <source>card {number} came back after its return date; its value was already booked — ask staff</source>
        <comment>card.booked</comment>
        <translation>储值卡 {number} 已过归还期限，余额已结转，请联系工作人员</translation>
    </message>
    <message>
        <source>this coupon is used or has expired</source>
        <comment>card.coupon_closed</comment>
        <translation>这张电子券已使用或已过期</translation>
    </message>
    <message>
        <source>the card&apos;s deposit is {deposit} points; you have {have}</source>
        <comment>card.deposit_short</comment>
        <translation>储值卡押金为 {deposit} 积分，您只有 {have} 积分</translation>
    </message>
    <message>
        <source>card {number} already carries another coupon</source>
        <comment>card.number_used</comment>
        <translation>储值卡 {number} 已装有另一张电子券</translation>
    </message>
    <message>
        <source>only a coupon bought with points can go on a card</source>
        <comment>card.points_only</comment>
        <translation>只有用积分兑换的电子券才能装入储值卡</translation>
    </message>
    <message>
        <source>card {number} was not issued by the coalition</source>
        <comment>card.unknown</comment>
        <translation>储值卡 {number} 不是联盟发行的卡</translation>
    </message>
    <message>
        <source>the cart discount must be between 0 and the total</source>
        <comment>cart.cart_discount_range</comment>
        <translation>整单折扣须在 0 到总额之间。</translation>
    </message>
    <message>
        <source>the cart is empty</source>
        <comment>cart.empty</comment>
        <translation>购物车是空的。</translation>
    </message>
    <message>
        <source>a weighed or priced label line cannot change quantity</source>
        <comment>cart.fixed_quantity</comment>
        <translation>称重或标签商品不能改数量。</translation>
    </message>
    <message>
        <source>a line discount must be between 0 and the line&apos;s price</source>
        <comment>cart.line_discount_range</comment>
        <translation>单品折扣须在 0 到该行价格之间。</translation>
    </message>
    <message>
        <source>{name} is sold by weight: put it on the scale</source>
        <comment>cart.needs_weight</comment>
        <translation>{name} 按重量销售：请放到秤上。</translation>
    </message>
    <message>
        <source>a price cannot be negative</source>
        <comment>cart.negative_price</comment>
        <translation>价格不能为负数。</translation>
    </message>
    <message>
        <source>{what} must be a whole number</source>
        <comment>cart.not_whole</comment>
        <translation>{what} 必须是整数。</translation>
    </message>
    <message>
        <source>quantity above {limit} is not allowed</source>
        <comment>cart.quantity_max</comment>
        <translation>数量不能超过 {limit}。</translation>
    </message>
    <message>
        <source>quantity must be at least 1</source>
        <comment>cart.quantity_min</comment>
        <translation>数量至少为 1。</translation>
    </message>
    <message>
        <source>weight is above the scale&apos;s range</source>
        <comment>cart.weight_max</comment>
        <translation>重量超出秤的量程。</translation>
    </message>
    <message>
        <source>weight must be more than zero</source>
        <comment>cart.weight_min</comment>
        <translation>重量必须大于零。</translation>
    </message>
    <message>
        <source>label {code} is not for {name}</source>
        <comment>catalogue.label_mismatch</comment>
        <translation>标签 {code} 不属于 {name}。</translation>
    </message>
    <message>
        <source>no product {product}</source>
        <comment>catalogue.no_product</comment>
        <translation>没有编号为 {product} 的商品。</translation>
    </message>
    <message>
        <source>product {product} is not sold here</source>
        <comment>catalogue.not_sold_here</comment>
        <translation>本店不销售商品 {product}。</translation>
    </message>
    <message>
        <source>this code contains characters Patron codes never have</source>
        <comment>code.bad_characters</comment>
        <translation>此码含有 Patron 码中不会出现的字符。</translation>
    </message>
    <message>
        <source>a code needs an upper-case prefix and a payload of letters, digits and _:+/=~- (got {prefix}.{payload})</source>
        <comment>code.cannot_sign</comment>
        <translation>码需要大写前缀和由字母、数字及 _:+/=~- 组成的内容（收到 {prefix}.{payload}）。</translation>
    </message>
    <message>
        <source>this code is damaged or mistyped</source>
        <comment>code.malformed</comment>
        <translation>此码已损坏或输入有误。</translation>
    </message>
    <message>
        <source>this code was signed before key ids were introduced; issue a new one</source>
        <comment>code.no_key_id</comment>
        <translation>此码签发于启用密钥编号之前，请重新签发。</translation>
    </message>
    <message>
        <source>this code is not genuine (signature does not match)</source>
        <comment>code.not_genuine</comment>
        <translation>此码不是真码（签名不符）。</translation>
    </message>
    <message>
        <source>this is not a code Patron issued</source>
        <comment>code.not_patron</comment>
        <translation>这不是 Patron 签发的码。</translation>
    </message>
    <message>
        <source>this code is too long ({length} characters) to be one Patron issued</source>
        <comment>code.too_long</comment>
        <translation>此码太长（{length} 个字符），不是 Patron 签发的码。</translation>
    </message>
    <message>
        <source>this code was signed with key {key_id}, which this terminal does not know</source>
        <comment>code.unknown_key</comment>
        <translation>此码由密钥 {key_id} 签名，本收银机不认识该密钥。</translation>
    </message>
    <message>
        <source>an order needs a client UUID, not {value}</source>
        <comment>coupon.bad_client_uuid</comment>
        <translation>订单需要客户端 UUID，不能是 {value}</translation>
    </message>
    <message>
        <source>each member may order this offer {limit} times</source>
        <comment>coupon.limit</comment>
        <translation>每位会员最多可兑换此优惠 {limit} 次</translation>
    </message>
    <message>
        <source>member {member} does not exist</source>
        <comment>coupon.no_member</comment>
        <translation>会员 {member} 不存在</translation>
    </message>
    <message>
        <source>this coupon cannot be used</source>
        <comment>coupon.not_genuine</comment>
        <translation>此电子券无法使用</translation>
    </message>
    <message>
        <source>this is not a coupon code</source>
        <comment>coupon.not_this_kind</comment>
        <translation>这不是电子券码</translation>
    </message>
    <message>
        <source>this coupon is not yours</source>
        <comment>coupon.not_yours</comment>
        <translation>这张电子券不属于您</translation>
    </message>
    <message>
        <source>this offer has ended; choose another</source>
        <comment>coupon.offer_gone</comment>
        <translation>此优惠已结束；请选择其他优惠</translation>
    </message>
    <message>
        <source>order {key} was already placed for another offer or member</source>
        <comment>coupon.order_conflict</comment>
        <translation>订单 {key} 已用于其他优惠或会员</translation>
    </message>
    <message>
        <source>the payment for this offer was not taken; pay {amount} first</source>
        <comment>coupon.payment_missing</comment>
        <translation>尚未收到此优惠的付款；请先支付 {amount}</translation>
    </message>
    <message>
        <source>this payment has already bought something</source>
        <comment>coupon.payment_used</comment>
        <translation>这笔付款已被使用</translation>
    </message>
    <message>
        <source>this offer costs {points} points; you have {have}</source>
        <comment>coupon.points_short</comment>
        <translation>此优惠需要 {points} 积分，您只有 {have} 积分</translation>
    </message>
    <message>
        <source>this offer has just sold out</source>
        <comment>coupon.sold_out</comment>
        <translation>此优惠刚刚兑完</translation>
    </message>
    <message>
        <source>a character of this coupon code is wrong (codes never use 0, 1, I or O); check it and type it again</source>
        <comment>coupon.typo</comment>
        <translation>电子券码中有字符错误（券码不含 0、1、I、O）；请核对后重新输入</translation>
    </message>
    <message>
        <source>merchant {code} has no e-mail address on file: set it on the merchants page</source>
        <comment>messaging.no_merchant_address</comment>
        <translation>商户 {code} 未登记电子邮箱：请在“商户”页面设置</translation>
    </message>
    <message>
        <source>the operator&apos;s notices have no e-mail address: set it on the messages page</source>
        <comment>messaging.no_operator_address</comment>
        <translation>运营方通知尚无接收邮箱：请在“消息”页面设置</translation>
    </message>
    <message>
        <source>no sale with receipt number {receipt} at this merchant; check the number, or refund it at the merchant that sold it</source>
        <comment>refund.no_receipt</comment>
        <translation>本商户没有小票号为 {receipt} 的交易；请核对小票号，或到售出该商品的商户退货。</translation>
    </message>
    <message>
        <source>setting refund_policy is “{value}”; use selling_merchant or coalition</source>
        <comment>scope.bad_refund_policy</comment>
        <translation>设置 refund_policy 为“{value}”；请使用 selling_merchant 或 coalition。</translation>
    </message>
    <message>
        <source>a settlement period must end after it starts ({start} – {end})</source>
        <comment>settlement.bad_period</comment>
        <translation>结算期的结束时间必须晚于开始时间（{start} – {end}）。</translation>
    </message>
    <message>
        <source>no active staff member {staff}</source>
        <comment>staff.unknown</comment>
        <translation>没有编号为 {staff} 的在职员工。</translation>
    </message>
    <message>
        <source>no active staff member with code “{code}”</source>
        <comment>staff.unknown_code</comment>
        <translation>没有工号为“{code}”的在职员工。</translation>
    </message>
    <message>
        <source>unknown staff role “{role}”</source>
        <comment>staff.unknown_role</comment>
        <translation>未知的员工角色“{role}”。</translation>
    </message>
    <message>
        <source>too many codes were refused here; try again in {seconds} seconds</source>
        <comment>throttle.slow_down</comment>
        <translation>此处被拒绝的券码过多；请 {seconds} 秒后再试</translation>
    </message>
    <message>
        <source>no shift is open on this till</source>
        <comment>till.no_shift</comment>
        <translation>本收银台尚未开班。</translation>
    </message>
    <message>
        <source>no terminal is registered in this database (run with --demo to seed one)</source>
        <comment>till.no_terminal</comment>
        <translation>数据库中没有注册任何收银机（可用 --demo 运行以生成一台）。</translation>
    </message>
    <message>
        <source>terminal “{terminal}” is not registered</source>
        <comment>till.unknown_terminal</comment>
        <translation>收银机“{terminal}”未注册。</translation>
    </message>
    <message>
        <source>{source}: discount_limit_percent must be 0–100</source>
        <comment>config.bad_value</comment>
        <translation type="vanished">{source}：discount_limit_percent 须在 0–100 之间。</translation>
    </message>
    <message>
        <source>{source}: language {value} is not zh_CN or en</source>
        <comment>config.bad_value</comment>
        <translation type="vanished">{source}：语言 {value} 不是 zh_CN 或 en。</translation>
    </message>
    <message>
        <source>{source}: role {value} is not one of {allowed}</source>
        <comment>config.bad_value</comment>
        <translation type="vanished">{source}：角色 {value} 不是 {allowed} 之一。</translation>
    </message>
    <message>
        <source>{path}: {setting} kind is empty</source>
        <comment>config.device_kind</comment>
        <translation>{path}：{setting} 的 kind 为空。</translation>
    </message>
    <message>
        <source>{source}: every [devices.NAME] table needs a &apos;kind&apos;</source>
        <comment>config.device_kind</comment>
        <translation type="vanished">{source}：每个 [devices.NAME] 表都需要 &apos;kind&apos;。</translation>
    </message>
    <message>
        <source>config file {path} does not exist</source>
        <comment>config.missing</comment>
        <translation>配置文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>config file {path} is not valid TOML: {reason}</source>
        <comment>config.not_toml</comment>
        <translation>配置文件 {path} 不是有效的 TOML：{reason}</translation>
    </message>
    <message>
        <source>{path}: unknown section [{section}] (known: {known})</source>
        <comment>config.unknown_section</comment>
        <translation>{path}：未知的配置段 [{section}]（已知：{known}）。</translation>
    </message>
    <message>
        <source>{path}: unknown setting(s) in [{section}]: {names}</source>
        <comment>config.unknown_setting</comment>
        <translation>{path}：[{section}] 中有未知设置：{names}</translation>
    </message>
    <message>
        <source>config file {path} cannot be read: {reason}</source>
        <comment>config.unreadable</comment>
        <translation>无法读取配置文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path}: {setting} must be {kind}, not {value}</source>
        <comment>config.wrong_type</comment>
        <translation>{path}：{setting} 必须是 {kind}，而不是 {value}。</translation>
    </message>
    <message>
        <source>coupon {code} has expired</source>
        <comment>coupon.expired</comment>
        <translation type="vanished">优惠券 {code} 已过期。</translation>
    </message>
    <message>
        <source>coupon {code} belongs to another member</source>
        <comment>coupon.other_member</comment>
        <translation type="vanished">优惠券 {code} 属于其他会员。</translation>
    </message>
    <message>
        <source>coupon {code} is not valid at {merchant}</source>
        <comment>coupon.other_merchant</comment>
        <translation type="vanished">优惠券 {code} 在 {merchant} 不可用。</translation>
    </message>
    <message>
        <source>no coupon {code}</source>
        <comment>coupon.unknown</comment>
        <translation type="vanished">没有优惠券 {code}。</translation>
    </message>
    <message>
        <source>coupon {code} has already been used</source>
        <comment>coupon.used</comment>
        <translation type="vanished">优惠券 {code} 已被使用。</translation>
    </message>
    <message>
        <source>“{name}” is not a valid role or database name (lower-case letters, digits and _)</source>
        <comment>db.bad_role_name</comment>
        <translation>“{name}”不是有效的角色名或数据库名（只能用小写字母、数字和 _）。</translation>
    </message>
    <message>
        <source>{source} must read kid:hex,kid:hex (the first is the current key)</source>
        <comment>keys.bad_env</comment>
        <translation>{source} 的格式须为 kid:hex,kid:hex（第一个为当前密钥）。</translation>
    </message>
    <message>
        <source>key file {path} is not valid TOML: {reason}</source>
        <comment>keys.bad_file</comment>
        <translation type="vanished">密钥文件 {path} 不是有效的 TOML：{reason}</translation>
    </message>
    <message>
        <source>key file {path} needs a [keys] table with at least one key</source>
        <comment>keys.bad_file</comment>
        <translation type="vanished">密钥文件 {path} 需要一个至少含一个密钥的 [keys] 表。</translation>
    </message>
    <message>
        <source>{source}: key id {key_id} is not 1–8 lower-case letters or digits</source>
        <comment>keys.bad_id</comment>
        <translation>{source}：密钥编号 {key_id} 须为 1–8 个小写字母或数字。</translation>
    </message>
    <message>
        <source>{source}: key {key_id} must be at least {digits} hex digits</source>
        <comment>keys.bad_key</comment>
        <translation>{source}：密钥 {key_id} 至少需要 {digits} 位十六进制数字。</translation>
    </message>
    <message>
        <source>no signing keys: {path} does not exist and {env} is not set (copy the coalition&apos;s key file there, mode 600)</source>
        <comment>keys.missing</comment>
        <translation>没有签名密钥：{path} 不存在，且未设置 {env}（请将联盟的密钥文件复制到该处，权限 600）。</translation>
    </message>
    <message>
        <source>key file {path}: current = {current} names none of its [keys]</source>
        <comment>keys.no_current</comment>
        <translation>密钥文件 {path}：current = {current} 不在其 [keys] 中。</translation>
    </message>
    <message>
        <source>key file {path} is readable by other users (mode {mode}); run: chmod 600 {path}</source>
        <comment>keys.too_open</comment>
        <translation>密钥文件 {path} 可被其他用户读取（权限 {mode}）；请运行：chmod 600 {path}</translation>
    </message>
    <message>
        <source>key file {path} cannot be read: {reason}</source>
        <comment>keys.unreadable</comment>
        <translation>无法读取密钥文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>too many wrong codes; ask for a new one</source>
        <comment>kiosk.code_attempts</comment>
        <translation>验证码错误次数过多；请重新获取</translation>
    </message>
    <message>
        <source>this code has expired; ask for a new one</source>
        <comment>kiosk.code_expired</comment>
        <translation>验证码已失效；请重新获取</translation>
    </message>
    <message>
        <source>the code from the SMS has 6 digits</source>
        <comment>kiosk.code_format</comment>
        <translation>短信验证码为 6 位数字</translation>
    </message>
    <message>
        <source>this store confirms phones with an SMS code</source>
        <comment>kiosk.code_required</comment>
        <translation>本店需用短信验证码确认手机号</translation>
    </message>
    <message>
        <source>that is not the code we sent; {left} tries left</source>
        <comment>kiosk.code_wrong</comment>
        <translation>验证码不正确；还可尝试 {left} 次</translation>
    </message>
    <message>
        <source>too many wrong PINs; try again in {minutes} minutes</source>
        <comment>kiosk.exit_locked</comment>
        <translation>PIN 错误次数过多；请 {minutes} 分钟后再试</translation>
    </message>
    <message>
        <source>wrong manager PIN</source>
        <comment>kiosk.exit_wrong_pin</comment>
        <translation>经理 PIN 错误</translation>
    </message>
    <message>
        <source>no code was sent from this kiosk; ask for a new one</source>
        <comment>kiosk.no_challenge</comment>
        <translation>本机未发送过该验证码；请重新获取</translation>
    </message>
    <message>
        <source>no kiosk terminal is registered in this database (register one in the back office, or run with --demo)</source>
        <comment>kiosk.no_terminal</comment>
        <translation>数据库中没有登记自助机终端（请在后台登记，或使用 --demo 运行）</translation>
    </message>
    <message>
        <source>{count} codes were sent to this phone in the last {minutes} minutes; wait a little, or ask staff</source>
        <comment>kiosk.too_many_codes</comment>
        <translation>过去 {minutes} 分钟内已向此手机发送 {count} 条验证码；请稍候或联系店员</translation>
    </message>
    <message>
        <source>terminal “{terminal}” is not registered</source>
        <comment>kiosk.unknown_terminal</comment>
        <translation>终端“{terminal}”未登记</translation>
    </message>
    <message>
        <source>points must be a positive whole number, got {amount}</source>
        <comment>ledger.bad_amount</comment>
        <translation>积分必须是正整数，收到的是 {amount}。</translation>
    </message>
    <message>
        <source>the member holds {held} points, not {wanted}</source>
        <comment>ledger.insufficient</comment>
        <translation>会员只有 {held} 积分，不足 {wanted}。</translation>
    </message>
    <message>
        <source>the points movement {key} was already made with different details</source>
        <comment>ledger.key_conflict</comment>
        <translation>积分变动 {key} 已按不同内容记录过。</translation>
    </message>
    <message>
        <source>the key {key} of a {source} movement must start with {prefix}:</source>
        <comment>ledger.key_namespace</comment>
        <translation>{source} 积分变动的键 {key} 必须以 {prefix}: 开头。</translation>
    </message>
    <message>
        <source>the lots of account {account} hold {held} points, not {wanted}</source>
        <comment>ledger.lots_short</comment>
        <translation>账户 {account} 的积分批次只有 {held} 积分，不足 {wanted}。</translation>
    </message>
    <message>
        <source>points can only be awarded to a member or a guide</source>
        <comment>ledger.not_a_holder</comment>
        <translation>积分只能奖励给会员或导游。</translation>
    </message>
    <message>
        <source>transfer {transfer} is not a points payment</source>
        <comment>ledger.not_a_spend</comment>
        <translation>积分流水 {transfer} 不是积分支付。</translation>
    </message>
    <message>
        <source>transfer {transfer} is not a points award</source>
        <comment>ledger.not_an_award</comment>
        <translation>积分流水 {transfer} 不是积分奖励。</translation>
    </message>
    <message>
        <source>a manual adjustment needs a reason</source>
        <comment>ledger.reason_required</comment>
        <translation>手动调整需要填写原因。</translation>
    </message>
    <message>
        <source>points cannot come from a {source}</source>
        <comment>ledger.unknown_source</comment>
        <translation>积分不能来自 {source}。</translation>
    </message>
    <message>
        <source>the membership terms must be accepted to join</source>
        <comment>member.terms_required</comment>
        <translation>必须同意会员条款才能加入</translation>
    </message>
    <message>
        <source>a {channel} message needs a recipient</source>
        <comment>messaging.no_recipient</comment>
        <translation>{channel} 消息需要收件人</translation>
    </message>
    <message>
        <source>message template “{kind}” needs {missing}</source>
        <comment>messaging.template_fields</comment>
        <translation>消息模板“{kind}”缺少 {missing}</translation>
    </message>
    <message>
        <source>no message template “{kind}”</source>
        <comment>messaging.unknown_template</comment>
        <translation>没有消息模板“{kind}”</translation>
    </message>
    <message>
        <source>QR payment {reference} is for {paid}, not {applied}</source>
        <comment>payment.amount_mismatch</comment>
        <translation>扫码支付 {reference} 的金额是 {paid}，不是 {applied}。</translation>
    </message>
    <message>
        <source>a payment must be more than zero</source>
        <comment>payment.bad_amount</comment>
        <translation>支付金额必须大于零。</translation>
    </message>
    <message>
        <source>a wallet payment code has 18 digits</source>
        <comment>payment.bad_customer_code</comment>
        <translation>付款码为 18 位数字。</translation>
    </message>
    <message>
        <source>card approval code {code} has already paid a sale</source>
        <comment>payment.card_code_used</comment>
        <translation>刷卡授权码 {code} 已用于另一笔交易。</translation>
    </message>
    <message>
        <source>QR payment {reference} was taken for another merchant</source>
        <comment>payment.other_merchant</comment>
        <translation>扫码支付 {reference} 属于其他商户。</translation>
    </message>
    <message>
        <source>refund reference {reference} has already been recorded</source>
        <comment>payment.refund_reference_used</comment>
        <translation>退款参考号 {reference} 已登记过。</translation>
    </message>
    <message>
        <source>no captured QR payment {reference}</source>
        <comment>payment.unknown</comment>
        <translation>没有已完成的扫码支付 {reference}。</translation>
    </message>
    <message>
        <source>no payment provider {name}</source>
        <comment>payment.unknown_provider</comment>
        <translation>没有支付服务商 {name}。</translation>
    </message>
    <message>
        <source>QR payment {reference} has already paid a sale</source>
        <comment>payment.used</comment>
        <translation>扫码支付 {reference} 已用于另一笔交易。</translation>
    </message>
    <message>
        <source>this question was already answered; its reward is given once</source>
        <comment>pointcode.already_answered</comment>
        <translation>此问题已回答过；奖励只发放一次</translation>
    </message>
    <message>
        <source>choose one of the {count} answers</source>
        <comment>pointcode.bad_choice</comment>
        <translation>请从 {count} 个选项中选择一个</translation>
    </message>
    <message>
        <source>a linkage rule is fixed or percent, not {kind}</source>
        <comment>pointcode.bad_link_kind</comment>
        <translation>联动规则只能是固定积分或百分比，不能是 {kind}</translation>
    </message>
    <message>
        <source>a linkage rule&apos;s value is a whole number from 0 (points, or basis points up to 10000), not {value}</source>
        <comment>pointcode.bad_link_value</comment>
        <translation>联动规则的数值须为不小于 0 的整数（积分，或不超过 10000 的万分比），不能是 {value}</translation>
    </message>
    <message>
        <source>{what} must be a whole number from {low} to {high}, not {value}</source>
        <comment>pointcode.bad_number</comment>
        <translation>{what}必须是 {low} 到 {high} 之间的整数，不能是 {value}</translation>
    </message>
    <message>
        <source>a follow-up question is none, choice, rating or text, not {kind}</source>
        <comment>pointcode.bad_question_kind</comment>
        <translation>后续问题类型只能是无、单选、评分或文字，不能是 {kind}</translation>
    </message>
    <message>
        <source>a rating is 1 to 5 stars</source>
        <comment>pointcode.bad_rating</comment>
        <translation>评分为 1 到 5 星</translation>
    </message>
    <message>
        <source>write an answer of 1 to 500 characters</source>
        <comment>pointcode.bad_text</comment>
        <translation>请填写 1 到 500 个字的回答</translation>
    </message>
    <message>
        <source>batch {batch} was already voided</source>
        <comment>pointcode.batch_voided</comment>
        <translation>批次 {batch} 已作废</translation>
    </message>
    <message>
        <source>every answer needs its text</source>
        <comment>pointcode.choice_empty</comment>
        <translation>每个选项都需要填写文字</translation>
    </message>
    <message>
        <source>a single-choice question needs 2 to 8 answers, not {count}</source>
        <comment>pointcode.choices_count</comment>
        <translation>单选题需要 2 到 8 个选项，当前为 {count} 个</translation>
    </message>
    <message>
        <source>{guide} already marked this unit on {at}</source>
        <comment>pointcode.marked_by_other</comment>
        <translation>{guide} 已于 {at} 标记了此商品</translation>
    </message>
    <message>
        <source>batch {batch} does not exist</source>
        <comment>pointcode.no_batch</comment>
        <translation>批次 {batch} 不存在</translation>
    </message>
    <message>
        <source>member {member} does not exist</source>
        <comment>pointcode.no_member</comment>
        <translation>会员 {member} 不存在</translation>
    </message>
    <message>
        <source>product {product} does not exist</source>
        <comment>pointcode.no_product</comment>
        <translation>商品 {product} 不存在</translation>
    </message>
    <message>
        <source>this code has no follow-up question</source>
        <comment>pointcode.no_question</comment>
        <translation>此码没有后续问题</translation>
    </message>
    <message>
        <source>only a signed-in shopping guide can mark units</source>
        <comment>pointcode.not_a_guide</comment>
        <translation>只有已登录的导购可以标记商品</translation>
    </message>
    <message>
        <source>this code cannot be used</source>
        <comment>pointcode.not_genuine</comment>
        <translation>此码无法使用</translation>
    </message>
    <message>
        <source>this is not a point code</source>
        <comment>pointcode.not_this_kind</comment>
        <translation>这不是积分码</translation>
    </message>
    <message>
        <source>this unit is another merchant&apos;s; its guides mark it</source>
        <comment>pointcode.other_merchants_unit</comment>
        <translation>此商品属于其他商户，应由该商户的导购标记</translation>
    </message>
    <message>
        <source>write the follow-up question</source>
        <comment>pointcode.question_empty</comment>
        <translation>请填写后续问题</translation>
    </message>
    <message>
        <source>a character of this code is wrong (codes never use 0, 1, I or O); check it and type it again</source>
        <comment>pointcode.typo</comment>
        <translation>码中有字符错误（码中不含 0、1、I、O）；请核对后重新输入</translation>
    </message>
    <message>
        <source>the member holds {held} points, not {wanted}</source>
        <comment>points.insufficient</comment>
        <translation>会员只有 {held} 积分，不足 {wanted}。</translation>
    </message>
    <message>
        <source>a refund goes back by the original tenders or in {choices}</source>
        <comment>refund.bad_choice</comment>
        <translation>退款只能按原支付方式退回，或改为：{choices}。</translation>
    </message>
    <message>
        <source>a refund quantity must be a positive whole number</source>
        <comment>refund.bad_quantity</comment>
        <translation>退货数量必须是正整数。</translation>
    </message>
    <message>
        <source>refund {amount} on the card terminal (approval {reference}) and enter its refund reference</source>
        <comment>refund.card_reference</comment>
        <translation>请先在刷卡机上退款 {amount}（原授权号 {reference}），再输入刷卡机的退款参考号。</translation>
    </message>
    <message>
        <source>this request key was already used for a {used}, not a {kind}; start again</source>
        <comment>refund.key_other_kind</comment>
        <translation>此请求编号已用于 {used}，不是 {kind}；请重新开始。</translation>
    </message>
    <message>
        <source>this {kind} key was already used for receipt {receipt} with other lines; the first {kind} stands, start a new one</source>
        <comment>refund.key_reused</comment>
        <translation>此 {kind} 编号已用于小票 {receipt} 的其他商品行；以第一次 {kind} 为准，请重新发起。</translation>
    </message>
    <message>
        <source>line {line} is not on sale {receipt}</source>
        <comment>refund.no_line</comment>
        <translation>商品行 {line} 不属于交易 {receipt}。</translation>
    </message>
    <message>
        <source>only a completed sale can be refunded</source>
        <comment>refund.no_sale</comment>
        <translation>只有已完成的交易才能退货。</translation>
    </message>
    <message>
        <source>everything on this sale has already been refunded</source>
        <comment>refund.nothing_left</comment>
        <translation>这笔交易已全部退货。</translation>
    </message>
    <message>
        <source>only {remaining} of {name} can still be refunded</source>
        <comment>refund.too_many</comment>
        <translation>{name} 只能再退 {remaining} 件。</translation>
    </message>
    <message>
        <source>a sale can only be voided in the shift that made it</source>
        <comment>refund.void_other_shift</comment>
        <translation>只能在同一班次内作废交易。</translation>
    </message>
    <message>
        <source>this cart was already paid as receipt {receipt_no} with other items or payments; the new cart was not sold</source>
        <comment>sale.key_reused</comment>
        <translation>此购物车已以小票 {receipt_no} 结账，但商品或付款不同；新的购物车未成交。</translation>
    </message>
    <message>
        <source>the member on this sale no longer exists</source>
        <comment>sale.member_gone</comment>
        <translation>这笔交易的会员已不存在。</translation>
    </message>
    <message>
        <source>identify the member before paying with points</source>
        <comment>sale.points_need_member</comment>
        <translation>使用积分支付前请先识别会员。</translation>
    </message>
    <message>
        <source>a code kind is P (point code) or C (coupon), not {kind}</source>
        <comment>typable.bad_kind</comment>
        <translation>码的类型只能是 P（积分码）或 C（电子券），不能是 {kind}</translation>
    </message>
    <message>
        <source>a code serial is 0 to {max}, not {serial}</source>
        <comment>typable.bad_serial</comment>
        <translation>码的序号须在 0 到 {max} 之间，不能是 {serial}</translation>
    </message>
    <message>
        <source>setting refund_policy is {value!r}; use selling_merchant or coalition</source>
        <comment>scope.bad_refund_policy</comment>
        <translation type="vanished">设置 refund_policy 为 {value!r}；请使用 selling_merchant 或 coalition。</translation>
    </message>
    <message>
        <source>terminal {terminal} is not registered</source>
        <comment>scope.no_terminal</comment>
        <translation>收银机 {terminal} 未注册。</translation>
    </message>
    <message>
        <source>receipt {receipt} was sold by another merchant; refund it at that merchant&apos;s till</source>
        <comment>scope.refund_other_merchant</comment>
        <translation>小票 {receipt} 是其他商户售出的；请在该商户的收银台退货。</translation>
    </message>
    <message>
        <source>shift {shift} is not this till&apos;s shift</source>
        <comment>scope.shift_other_terminal</comment>
        <translation>班次 {shift} 不是本收银台的班次。</translation>
    </message>
    <message>
        <source>{name} does not work for this till&apos;s merchant</source>
        <comment>scope.staff_other_merchant</comment>
        <translation>{name} 不是本收银台所属商户的员工。</translation>
    </message>
    <message>
        <source>this shift is already closed (Z {z})</source>
        <comment>shift.already_closed</comment>
        <translation>本班次已结束（Z 报表 {z}）。</translation>
    </message>
    <message>
        <source>this terminal already has an open shift; close it first</source>
        <comment>shift.already_open</comment>
        <translation>本收银机已有未结束的班次，请先交班。</translation>
    </message>
    <message>
        <source>this terminal already has an open shift (#{shift}, opened {opened} UTC); close it first</source>
        <comment>shift.already_open_since</comment>
        <translation>本收银机已有未结束的班次（#{shift}，{opened} UTC 开班），请先交班。</translation>
    </message>
    <message>
        <source>only the shift&apos;s cashier or the store&apos;s manager can close it</source>
        <comment>shift.close_not_allowed</comment>
        <translation>只有本班次的收银员或门店经理可以交班。</translation>
    </message>
    <message>
        <source>this shift is closed; open a new shift to sell</source>
        <comment>shift.closed</comment>
        <translation>本班次已结束，请开新班次后再销售。</translation>
    </message>
    <message>
        <source>this shift is closed; its final figures are Z {z}</source>
        <comment>shift.closed_final</comment>
        <translation>本班次已结束；最终数据见 Z 报表 {z}。</translation>
    </message>
    <message>
        <source>the count of {denomination} must be a whole number ≥ 0</source>
        <comment>shift.count_invalid</comment>
        <translation>面额 {denomination} 的数量必须是不小于 0 的整数。</translation>
    </message>
    <message>
        <source>“{denomination}” is not a denomination in minor units</source>
        <comment>shift.denomination_format</comment>
        <translation>“{denomination}”不是有效面额（以分计）。</translation>
    </message>
    <message>
        <source>{denomination} is not a {currency} note or coin (minor units)</source>
        <comment>shift.denomination_unknown</comment>
        <translation>{denomination} 不是 {currency} 的纸币或硬币面额（以分计）。</translation>
    </message>
    <message>
        <source>the opening float cannot be negative</source>
        <comment>shift.float_negative</comment>
        <translation>备用金不能为负数。</translation>
    </message>
    <message>
        <source>the opening float must be a whole number of minor units</source>
        <comment>shift.float_not_whole</comment>
        <translation>备用金必须是以分计的整数。</translation>
    </message>
    <message>
        <source>{name} cannot run a till (role {role})</source>
        <comment>shift.role_not_allowed</comment>
        <translation>{name} 不能操作收银台（角色 {role}）。</translation>
    </message>
    <message>
        <source>{name} does not work for this store&apos;s merchant</source>
        <comment>shift.staff_other_merchant</comment>
        <translation>{name} 不是本门店所属商户的员工。</translation>
    </message>
    <message>
        <source>the shift is still open: close it to get its Z report</source>
        <comment>shift.still_open</comment>
        <translation>班次尚未结束：交班后才能生成 Z 报表。</translation>
    </message>
    <message>
        <source>no shift {shift}</source>
        <comment>shift.unknown</comment>
        <translation>没有编号为 {shift} 的班次。</translation>
    </message>
    <message>
        <source>{name} is locked after too many wrong PINs; try later</source>
        <comment>staff.locked</comment>
        <translation>{name} 密码错误次数过多已被锁定，请稍后再试。</translation>
    </message>
    <message>
        <source>a PIN is 4 to 8 digits</source>
        <comment>staff.pin_format</comment>
        <translation>密码为 4 到 8 位数字。</translation>
    </message>
    <message>
        <source>no active staff member with code {code!r}</source>
        <comment>staff.unknown_code</comment>
        <translation type="vanished">没有工号为 {code} 的在职员工。</translation>
    </message>
    <message>
        <source>unknown staff role {role!r}</source>
        <comment>staff.unknown_role</comment>
        <translation type="vanished">未知的员工角色 {role}。</translation>
    </message>
    <message>
        <source>wrong PIN</source>
        <comment>staff.wrong_pin</comment>
        <translation>密码错误。</translation>
    </message>
    <message>
        <source>enter the card terminal&apos;s approval code</source>
        <comment>tender.card_code</comment>
        <translation>请输入刷卡终端的授权码。</translation>
    </message>
    <message>
        <source>a tender cannot be negative</source>
        <comment>tender.negative</comment>
        <translation>支付金额不能为负数。</translation>
    </message>
    <message>
        <source>{kind} pays {value} but only {due} is due</source>
        <comment>tender.over_due</comment>
        <translation>{kind} 支付 {value}，但应付只有 {due}。</translation>
    </message>
    <message>
        <source>{amount} still to pay</source>
        <comment>tender.short</comment>
        <translation>还需支付 {amount}。</translation>
    </message>
    <message>
        <source>unknown tender {kind}</source>
        <comment>tender.unknown</comment>
        <translation>未知的支付方式 {kind}。</translation>
    </message>
    <message>
        <source>a {kind} payment must be more than zero</source>
        <comment>tender.zero</comment>
        <translation>{kind} 支付金额必须大于零。</translation>
    </message>
    <message>
        <source>no terminal {terminal}</source>
        <comment>terminal.unknown</comment>
        <translation>没有编号为 {terminal} 的收银机。</translation>
    </message>
    <message>
        <source>no cashier is signed in</source>
        <comment>till.no_cashier</comment>
        <translation>没有收银员登录。</translation>
    </message>
    <message>
        <source>The database cannot be reached. Nothing was saved; the cart is kept on this till. Try again in a moment.</source>
        <translation>无法连接数据库。未保存任何数据；购物车保留在本机。请稍后重试。</translation>
    </message>
    <message>
        <source>Someone else changed the same record at the same moment; nothing was saved. Try again.</source>
        <translation>其他人同时修改了同一记录；未保存任何数据。请重试。</translation>
    </message>
    <message>
        <source>The database refused this change; nothing was saved. Call the manager.</source>
        <translation>数据库拒绝了此修改；未保存任何数据。请联系经理。</translation>
    </message>
    <message>
        <source>Something went wrong ({0}). The cart is kept; try again or call the manager.</source>
        <translation>出现问题（{0}）。购物车已保留；请重试或联系经理。</translation>
    </message>
    <message>
        <source>this approval has expired; ask again</source>
        <comment>approval.expired</comment>
        <translation>此审批已过期，请重新申请。</translation>
    </message>
    <message>
        <source>this approval was given for something else; ask again</source>
        <comment>approval.mismatch</comment>
        <translation>此审批是为其他操作给出的，请重新申请。</translation>
    </message>
    <message>
        <source>only a manager can approve this</source>
        <comment>approval.not_manager</comment>
        <translation>只有经理可以批准此操作。</translation>
    </message>
    <message>
        <source>a manager can only approve for their own merchant</source>
        <comment>approval.other_merchant</comment>
        <translation>经理只能批准本商户的操作。</translation>
    </message>
    <message>
        <source>{action} needs a manager&apos;s approval</source>
        <comment>approval.required</comment>
        <translation>{action}需要经理批准，请经理输入密码后再试。</translation>
    </message>
    <message>
        <source>a manager cannot approve their own action</source>
        <comment>approval.self</comment>
        <translation>经理不能批准自己的操作。</translation>
    </message>
    <message>
        <source>this approval has already been used; ask again</source>
        <comment>approval.used</comment>
        <translation>此审批已经用过，请重新申请。</translation>
    </message>
    <message>
        <source>barcode “{raw}” is a case code (GTIN-14), not a unit</source>
        <comment>barcode.case_code</comment>
        <translation>条码“{raw}”是整箱码（GTIN-14），不是单品码。</translation>
    </message>
    <message>
        <source>barcode “{raw}” has a wrong check digit</source>
        <comment>barcode.check_digit</comment>
        <translation>条码“{raw}”校验位错误。</translation>
    </message>
    <message>
        <source>empty barcode</source>
        <comment>barcode.empty</comment>
        <translation>条码为空。</translation>
    </message>
    <message>
        <source>barcode “{raw}” has {digits} digits; expected 8, 12 or 13</source>
        <comment>barcode.length</comment>
        <translation>条码“{raw}”有 {digits} 位，应为 8、12 或 13 位。</translation>
    </message>
    <message>
        <source>barcode nomenclature is not valid: {detail}</source>
        <comment>barcode.nomenclature_invalid</comment>
        <translation>条码规则无效：{detail}</translation>
    </message>
    <message>
        <source>barcode “{raw}” contains characters other than digits</source>
        <comment>barcode.not_digits</comment>
        <translation>条码“{raw}”含有非数字字符。</translation>
    </message>
    <message>
        <source>rule {prefix}: item + value digits must be 10</source>
        <comment>barcode.rule_digits</comment>
        <translation>规则 {prefix}：商品位数与数值位数之和须为 10。</translation>
    </message>
    <message>
        <source>variable-measure kind “{kind}” is not weight or price</source>
        <comment>barcode.rule_kind</comment>
        <translation>称重码类型“{kind}”不是重量或价格。</translation>
    </message>
    <message>
        <source>variable-measure prefix “{prefix}” is not 20–29</source>
        <comment>barcode.rule_prefix</comment>
        <translation>称重码前缀“{prefix}”不在 20–29 之间。</translation>
    </message>
    <message>
        <source>variable-measure value does not fit in 5 digits</source>
        <comment>barcode.value_too_large</comment>
        <translation>称重码数值超过 5 位。</translation>
    </message>
    <message>
        <source>{product} is not sold by weight</source>
        <comment>catalogue.not_sold_by_weight</comment>
        <translation>{product} 不是称重商品。</translation>
    </message>
    <message>
        <source>unknown barcode {barcode}</source>
        <comment>catalogue.unknown_barcode</comment>
        <translation>未知条码 {barcode}。</translation>
    </message>
    <message>
        <source>no product {product_id}</source>
        <comment>catalogue.unknown_product</comment>
        <translation type="vanished">没有编号为 {product_id} 的商品。</translation>
    </message>
    <message>
        <source>no product with scale code {item} (label {label})</source>
        <comment>catalogue.unknown_scale_item</comment>
        <translation>没有秤码为 {item} 的商品（标签 {label}）。</translation>
    </message>
    <message>
        <source>{source}: discount_limit_percent must be 0–100</source>
        <comment>config.bad_discount_limit</comment>
        <translation>{source}：discount_limit_percent 须在 0–100 之间。</translation>
    </message>
    <message>
        <source>{source}: language {value} is not zh_CN or en</source>
        <comment>config.bad_language</comment>
        <translation>{source}：语言 {value} 不是 zh_CN 或 en。</translation>
    </message>
    <message>
        <source>{source}: role {value} is not one of {allowed}</source>
        <comment>config.bad_role</comment>
        <translation>{source}：角色 {value} 不是 {allowed} 之一。</translation>
    </message>
    <message>
        <source>{source}: every [devices.NAME] table needs a &apos;kind&apos;</source>
        <comment>config.device_no_kind</comment>
        <translation>{source}：每个 [devices.NAME] 表都需要 &apos;kind&apos;。</translation>
    </message>
    <message>
        <source>coupon {code} is not valid at this merchant</source>
        <comment>coupon.other_merchant</comment>
        <translation type="vanished">优惠券 {code} 在本商户不可用。</translation>
    </message>
    <message>
        <source>the database schema is v{found}, newer than this Patron (v{needed}): update Patron on this terminal</source>
        <comment>db.schema_newer</comment>
        <translation>数据库结构版本为 v{found}，比本 Patron（v{needed}）新：请更新本收银机上的 Patron。</translation>
    </message>
    <message>
        <source>the database schema is out of date (v{found}, this Patron needs v{needed}; missing {missing}): run `python main.py --migrate --db {url}` as the database owner</source>
        <comment>db.schema_out_of_date</comment>
        <translation>数据库结构已过期（v{found}，本 Patron 需要 v{needed}；缺少 {missing}）：请以数据库所有者身份运行 `python main.py --migrate --db {url}`。</translation>
    </message>
    <message>
        <source>this input contains control characters; scan or type it again</source>
        <comment>input.control_characters</comment>
        <translation>输入中含有控制字符，请重新扫描或输入。</translation>
    </message>
    <message>
        <source>this input is not text</source>
        <comment>input.not_text</comment>
        <translation>此输入不是文本。</translation>
    </message>
    <message>
        <source>this input is too long ({length} characters, at most {limit})</source>
        <comment>input.too_long</comment>
        <translation>输入太长（{length} 个字符，最多 {limit} 个）。</translation>
    </message>
    <message>
        <source>key file {path} needs a [keys] table with at least one key</source>
        <comment>keys.no_keys</comment>
        <translation>密钥文件 {path} 需要一个至少含一个密钥的 [keys] 表。</translation>
    </message>
    <message>
        <source>key file {path} is not valid TOML: {reason}</source>
        <comment>keys.not_toml</comment>
        <translation>密钥文件 {path} 不是有效的 TOML：{reason}</translation>
    </message>
    <message>
        <source>card number is empty</source>
        <comment>member.card_empty</comment>
        <translation>卡号为空。</translation>
    </message>
    <message>
        <source>card {number} already belongs to a member</source>
        <comment>member.card_taken</comment>
        <translation>卡 {number} 已属于其他会员。</translation>
    </message>
    <message>
        <source>nothing to identify a member with</source>
        <comment>member.identify_empty</comment>
        <translation>请输入手机号或卡号以识别会员。</translation>
    </message>
    <message>
        <source>a mobile number has 11 digits; “{text}” has {digits}</source>
        <comment>member.phone_length</comment>
        <translation>手机号为 11 位；“{text}”是 {digits} 位。</translation>
    </message>
    <message>
        <source>“{text}” is not a phone number</source>
        <comment>member.phone_not_digits</comment>
        <translation>“{text}”不是电话号码。</translation>
    </message>
    <message>
        <source>“{text}” is not a mobile number (it must start 13–19)</source>
        <comment>member.phone_not_mobile</comment>
        <translation>“{text}”不是手机号（须以 13–19 开头）。</translation>
    </message>
    <message>
        <source>this member QR belongs to no member</source>
        <comment>member.qr_unknown</comment>
        <translation>此会员码不属于任何会员。</translation>
    </message>
    <message>
        <source>“{text}” is too short for a phone number and is no known card</source>
        <comment>member.too_short</comment>
        <translation>“{text}”太短，不是手机号，也不是已知的卡号。</translation>
    </message>
    <message>
        <source>no member or card “{text}”</source>
        <comment>member.unknown</comment>
        <translation>没有会员或会员卡“{text}”。</translation>
    </message>
    <message>
        <source>no member with phone {phone}</source>
        <comment>member.unknown_phone</comment>
        <translation>没有手机号为 {phone} 的会员。</translation>
    </message>
    <message>
        <source>“{text}” is not a valid amount</source>
        <comment>money.invalid_amount</comment>
        <translation>“{text}”不是有效金额。</translation>
    </message>
    <message>
        <source>“{text}” is not an amount of money</source>
        <comment>money.not_amount</comment>
        <translation>“{text}”不是金额。</translation>
    </message>
    <message>
        <source>“{text}” has more than two decimals</source>
        <comment>money.too_many_decimals</comment>
        <translation>“{text}”的小数超过两位。</translation>
    </message>
    <message>
        <source>no sale {sale_id}</source>
        <comment>receipt.unknown_sale</comment>
        <translation>没有编号为 {sale_id} 的交易。</translation>
    </message>
    <message>
        <source>PDF documents need the font WenQuanYi Micro Hei, not found at {where}: install fonts-wqy-microhei (scripts/setup.sh does) or set {env} to its .ttc file</source>
        <comment>documents.font_missing</comment>
        <translation>PDF 文档需要文泉驿微米黑字体，在 {where} 未找到：请安装 fonts-wqy-microhei（scripts/setup.sh 会安装），或将 {env} 设为其 .ttc 文件路径。</translation>
    </message>
    <message>
        <source>documents are printed in zh_CN or en, not {language}</source>
        <comment>documents.language</comment>
        <translation>单据只能以 zh_CN 或 en 打印，不支持 {language}。</translation>
    </message>
    <message>
        <source>no sale with receipt number {receipt}</source>
        <comment>refund.no_receipt</comment>
        <translation type="vanished">没有小票号为 {receipt} 的交易。</translation>
    </message>
    <message>
        <source>too many wrong manager PINs; approval is locked for a while</source>
        <comment>approval.locked</comment>
        <translation type="vanished">经理密码错误次数过多，审批已暂时锁定。</translation>
    </message>
    <message>
        <source>wrong manager PIN</source>
        <comment>approval.wrong_pin</comment>
        <translation type="vanished">经理密码错误。</translation>
    </message>
    <message>
        <source>cashiers, guides and managers belong to a merchant: choose one</source>
        <comment>org.staff_needs_merchant</comment>
        <translation>收银员、导购和店长必须属于某个商户：请选择商户</translation>
    </message>
    <message>
        <source>terminal “{terminal}”, its store or its merchant is deactivated in the back office; this till can sell no more</source>
        <comment>sale.terminal_inactive</comment>
        <translation>终端“{terminal}”或其门店、商户已在后台停用，本收银机不能再销售</translation>
    </message>
    <message>
        <source>terminal “{terminal}”, its store or its merchant is deactivated in the back office</source>
        <comment>scope.terminal_inactive</comment>
        <translation>终端“{terminal}”或其门店、商户已在后台停用</translation>
    </message>
    <message>
        <source>{name}&apos;s merchant is deactivated; staff of a deactivated merchant cannot sign in</source>
        <comment>staff.merchant_inactive</comment>
        <translation>{name} 所属商户已停用；停用商户的员工不能登录</translation>
    </message>
    <message>
        <source>merchant of store “{store}” is deactivated in the back office</source>
        <comment>till.merchant_inactive</comment>
        <translation>门店“{store}”所属商户已在后台停用</translation>
    </message>
    <message>
        <source>store “{store}” is closed in the back office</source>
        <comment>till.store_inactive</comment>
        <translation>门店“{store}”已在后台停用</translation>
    </message>
    <message>
        <source>terminal “{terminal}” is deactivated in the back office</source>
        <comment>till.terminal_inactive</comment>
        <translation>终端“{terminal}”已在后台停用</translation>
    </message>
    <message>
        <source>a settlement account number is 8 to 34 digits</source>
        <comment>org.account_number_format</comment>
        <translation>结算账号为 8 至 34 位数字</translation>
    </message>
    <message>
        <source>“{timezone}” is not a time zone such as Asia/Shanghai</source>
        <comment>org.bad_timezone</comment>
        <translation>“{timezone}”不是有效时区（例如 Asia/Shanghai）</translation>
    </message>
    <message>
        <source>“{code}” is not a valid code: use 1 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit</source>
        <comment>org.code_format</comment>
        <translation>“{code}”不是有效编码：请使用 1 至 32 个字母、数字、点、短横线或下划线，并以字母或数字开头</translation>
    </message>
    <message>
        <source>“{currency}” is not a currency code such as CNY</source>
        <comment>org.currency_format</comment>
        <translation>“{currency}”不是货币代码（例如 CNY）</translation>
    </message>
    <message>
        <source>“{email}” is not an e-mail address</source>
        <comment>org.email_format</comment>
        <translation>“{email}”不是有效的电子邮箱地址</translation>
    </message>
    <message>
        <source>merchant code “{code}” is already taken</source>
        <comment>org.merchant_code_taken</comment>
        <translation>商户编码“{code}”已被使用</translation>
    </message>
    <message>
        <source>merchant {merchant} is deactivated</source>
        <comment>org.merchant_inactive</comment>
        <translation>商户 {merchant} 已停用</translation>
    </message>
    <message>
        <source>a name is required</source>
        <comment>org.name_required</comment>
        <translation>请填写名称</translation>
    </message>
    <message>
        <source>a name has at most {limit} characters</source>
        <comment>org.name_too_long</comment>
        <translation>名称最多 {limit} 个字符</translation>
    </message>
    <message>
        <source>merchant {merchant} is not registered</source>
        <comment>org.no_merchant</comment>
        <translation>商户 {merchant} 未登记</translation>
    </message>
    <message>
        <source>staff member {staff} is not registered</source>
        <comment>org.no_staff</comment>
        <translation>员工 {staff} 未登记</translation>
    </message>
    <message>
        <source>store {store} is not registered</source>
        <comment>org.no_store</comment>
        <translation>门店 {store} 未登记</translation>
    </message>
    <message>
        <source>terminal {terminal} is not registered</source>
        <comment>org.no_terminal</comment>
        <translation>终端 {terminal} 未登记</translation>
    </message>
    <message>
        <source>a coalition operator belongs to no merchant</source>
        <comment>org.operator_no_merchant</comment>
        <translation>联盟运营员不属于任何商户</translation>
    </message>
    <message>
        <source>the operator role cannot be given to or taken from a merchant&apos;s staff; add a new staff member instead</source>
        <comment>org.operator_role_fixed</comment>
        <translation>商户员工不能被授予或撤销运营员角色；请新增一名员工</translation>
    </message>
    <message>
        <source>you cannot deactivate yourself</source>
        <comment>org.own_deactivation</comment>
        <translation>不能停用自己的账号</translation>
    </message>
    <message>
        <source>you cannot change your own role</source>
        <comment>org.own_role</comment>
        <translation>不能更改自己的角色</translation>
    </message>
    <message>
        <source>“{region}” is not a region code: use lower-case letters, digits and dashes, e.g. shanghai</source>
        <comment>org.region_format</comment>
        <translation>“{region}”不是地区代码：请使用小写字母、数字和短横线，例如 shanghai</translation>
    </message>
    <message>
        <source>staff code “{code}” is already taken</source>
        <comment>org.staff_code_taken</comment>
        <translation>员工编号“{code}”已被使用</translation>
    </message>
    <message>
        <source>store code “{code}” is already taken</source>
        <comment>org.store_code_taken</comment>
        <translation>门店编码“{code}”已被使用</translation>
    </message>
    <message>
        <source>terminal code “{code}” is already taken</source>
        <comment>org.terminal_code_taken</comment>
        <translation>终端编码“{code}”已被使用</translation>
    </message>
    <message>
        <source>a terminal moves only between its merchant&apos;s stores</source>
        <comment>org.terminal_other_merchant</comment>
        <translation>终端只能在同一商户的门店之间调动</translation>
    </message>
    <message>
        <source>“{role}” is not a terminal role (cashier, kiosk, greeter, handheld, gate or backoffice)</source>
        <comment>org.terminal_role</comment>
        <translation>“{role}”不是终端角色（cashier、kiosk、greeter、handheld、gate 或 backoffice）</translation>
    </message>
    <message>
        <source>“{text}” is longer than {limit} characters</source>
        <comment>org.text_too_long</comment>
        <translation>“{text}”超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>there is no field “{field}” to change</source>
        <comment>org.unknown_field</comment>
        <translation>没有可修改的字段“{field}”</translation>
    </message>
    <message>
        <source>{source}: [messaging] sms_provider {value} is not one of {allowed}</source>
        <comment>config.sms_provider</comment>
        <translation>{source}：[messaging] 中的 sms_provider {value} 不是 {allowed} 之一</translation>
    </message>
    <message>
        <source>{source}: [messaging] smtp_ca_file {path} is not a file</source>
        <comment>config.smtp_ca_file</comment>
        <translation>{source}：[messaging] 中的 smtp_ca_file {path} 不是文件</translation>
    </message>
    <message>
        <source>{source}: [messaging] needs smtp_from (or smtp_user) to send e-mail</source>
        <comment>config.smtp_from</comment>
        <translation>{source}：[messaging] 需要 smtp_from（或 smtp_user）才能发送邮件</translation>
    </message>
    <message>
        <source>{source}: [messaging] smtp_user and smtp_password go together</source>
        <comment>config.smtp_login</comment>
        <translation>{source}：[messaging] 中的 smtp_user 和 smtp_password 须同时设置</translation>
    </message>
    <message>
        <source>{source}: [messaging] smtp_port {value} is not a port number</source>
        <comment>config.smtp_port</comment>
        <translation>{source}：[messaging] 中的 smtp_port {value} 不是有效端口号</translation>
    </message>
    <message>
        <source>{source}: [messaging] smtp_security {value} is not one of {allowed}</source>
        <comment>config.smtp_security</comment>
        <translation>{source}：[messaging] 中的 smtp_security {value} 不是 {allowed} 之一</translation>
    </message>
    <message>
        <source>{source}: [messaging] smtp_timeout_s must be above 0</source>
        <comment>config.smtp_timeout</comment>
        <translation>{source}：[messaging] 中的 smtp_timeout_s 必须大于 0</translation>
    </message>
    <message>
        <source>“{address}” is not an e-mail address</source>
        <comment>messaging.bad_address</comment>
        <translation>“{address}”不是电子邮件地址</translation>
    </message>
    <message>
        <source>no outbox state “{state}”</source>
        <comment>messaging.bad_state</comment>
        <translation>没有“{state}”这种发件箱状态</translation>
    </message>
    <message>
        <source>this terminal has no {channel} provider: set it up in the [messaging] section of its config file</source>
        <comment>messaging.no_provider</comment>
        <translation>本终端没有 {channel} 服务商：请在配置文件的 [messaging] 部分进行设置</translation>
    </message>
    <message>
        <source>choose the messages to send again</source>
        <comment>messaging.nothing_chosen</comment>
        <translation>请选择要重新发送的消息</translation>
    </message>
    <message>
        <source>the mail server refused the recipient {recipient}: {reply}</source>
        <comment>messaging.recipient_refused</comment>
        <translation>邮件服务器拒绝了收件人 {recipient}：{reply}</translation>
    </message>
    <message>
        <source>the message could not be sent: {reason}</source>
        <comment>messaging.send_error</comment>
        <translation>消息无法发送：{reason}</translation>
    </message>
    <message>
        <source>the mail server {host} refused the sender {sender}: {reply}</source>
        <comment>messaging.sender_refused</comment>
        <translation>邮件服务器 {host} 拒绝了发件人 {sender}：{reply}</translation>
    </message>
    <message>
        <source>the SMS file {path} cannot be written: {reason}</source>
        <comment>messaging.sms_file_unwritable</comment>
        <translation>无法写入短信文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>the mail server {host} refused the login of {user}: {reply}</source>
        <comment>messaging.smtp_login_refused</comment>
        <translation>邮件服务器 {host} 拒绝了 {user} 的登录：{reply}</translation>
    </message>
    <message>
        <source>the mail server {host} refused the message: {reply}</source>
        <comment>messaging.smtp_refused</comment>
        <translation>邮件服务器 {host} 拒绝了这封邮件：{reply}</translation>
    </message>
    <message>
        <source>the mail server {host}:{port} cannot be reached: {reason}</source>
        <comment>messaging.smtp_unreachable</comment>
        <translation>无法连接邮件服务器 {host}:{port}：{reason}</translation>
    </message>
    <message>
        <source>the mail server {host} does not offer {what}</source>
        <comment>messaging.smtp_unsupported</comment>
        <translation>邮件服务器 {host} 不支持 {what}</translation>
    </message>
    <message>
        <source>the mail server {host} showed a certificate this terminal does not trust: {reason}</source>
        <comment>messaging.smtp_untrusted</comment>
        <translation>邮件服务器 {host} 出示的证书不受本终端信任：{reason}</translation>
    </message>
    <message>
        <source>the setting settlement_period is “{value}”; it must be weekly or monthly</source>
        <comment>settlement.bad_period_setting</comment>
        <translation>设置 settlement_period 为“{value}”；只能是 weekly（每周）或 monthly（每月）</translation>
    </message>
    <message>
        <source>the setting coalition_timezone is “{value}”, not a time zone</source>
        <comment>settlement.bad_timezone</comment>
        <translation>设置 coalition_timezone 为“{value}”，不是有效的时区</translation>
    </message>
    <message>
        <source>no merchant {merchant}</source>
        <comment>settlement.no_merchant</comment>
        <translation>没有商户 {merchant}</translation>
    </message>
    <message>
        <source>no settlement run {run}</source>
        <comment>settlement.no_run</comment>
        <translation>没有结算批次 {run}</translation>
    </message>
    <message>
        <source>{day} does not begin a {kind} settlement period</source>
        <comment>settlement.not_a_period_start</comment>
        <translation>{day} 不是{kind}结算期间的第一天</translation>
    </message>
    <message>
        <source>the period {first} – {last} overlaps a run already made for {other}</source>
        <comment>settlement.overlap</comment>
        <translation>期间 {first} – {last} 与已结算的 {other} 期间重叠</translation>
    </message>
    <message>
        <source>the period {first} – {last} has not ended yet; settle it after {end}</source>
        <comment>settlement.period_open</comment>
        <translation>期间 {first} – {last} 尚未结束；请在 {end} 之后结算</translation>
    </message>
    <message>
        <source>identify the member before paying from their wallet</source>
        <comment>sale.wallet_needs_member</comment>
        <translation>请先识别会员，再使用其储值钱包付款</translation>
    </message>
    <message>
        <source>a partner is a bank or an insurer, not {kind}</source>
        <comment>partner.bad_kind</comment>
        <translation>合作方只能是银行或保险公司，不能是 {kind}</translation>
    </message>
    <message>
        <source>points to convert must be a positive whole number, got {points}</source>
        <comment>partner.bad_points</comment>
        <translation>转换的积分必须是正整数，收到的是 {points}</translation>
    </message>
    <message>
        <source>the rate must be a positive number of cents per 100 points</source>
        <comment>partner.bad_rate</comment>
        <translation>兑换比例必须是每 100 积分对应的正整数分值</translation>
    </message>
    <message>
        <source>the partner&apos;s answer {file} cannot be read</source>
        <comment>partner.bad_response</comment>
        <translation>无法读取合作方的回复文件 {file}</translation>
    </message>
    <message>
        <source>{value} is not a conversion UUID</source>
        <comment>partner.bad_uuid</comment>
        <translation>{value} 不是有效的转换编号（UUID）</translation>
    </message>
    <message>
        <source>a partner with code {code} exists</source>
        <comment>partner.duplicate_code</comment>
        <translation>代码为 {code} 的合作方已存在</translation>
    </message>
    <message>
        <source>the partner exchange folder {folder} does not exist</source>
        <comment>partner.folder_missing</comment>
        <translation>合作方交换文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>this conversion was already made with other details</source>
        <comment>partner.key_reused</comment>
        <translation>此转换已使用不同的内容提交过</translation>
    </message>
    <message>
        <source>a partner needs a code and a name</source>
        <comment>partner.needs_code_name</comment>
        <translation>合作方需要代码和名称</translation>
    </message>
    <message>
        <source>enter the member&apos;s account or policy number at the partner</source>
        <comment>partner.no_account</comment>
        <translation>请输入会员在合作方的账号或保单号</translation>
    </message>
    <message>
        <source>no member {member}</source>
        <comment>partner.no_member</comment>
        <translation>没有会员 {member}</translation>
    </message>
    <message>
        <source>{points} points convert into less than one cent</source>
        <comment>partner.too_few_points</comment>
        <translation>{points} 积分折算不足一分钱</translation>
    </message>
    <message>
        <source>no partner {partner}</source>
        <comment>partner.unknown</comment>
        <translation>没有合作方 {partner}</translation>
    </message>
    <message>
        <source>no partner provider {provider}</source>
        <comment>partner.unknown_provider</comment>
        <translation>没有合作方接口 {provider}</translation>
    </message>
    <message>
        <source>a reward is a gift or a coupon, not {kind}</source>
        <comment>reward.bad_kind</comment>
        <translation>兑换品只能是礼品或优惠券，不能是 {kind}</translation>
    </message>
    <message>
        <source>a reward&apos;s period must end after it starts ({start} – {end})</source>
        <comment>reward.bad_period</comment>
        <translation>兑换品的有效期结束必须晚于开始（{start} – {end}）</translation>
    </message>
    <message>
        <source>a reward costs a positive whole number of points, not {price}</source>
        <comment>reward.bad_price</comment>
        <translation>兑换品的积分价格必须是正整数，不能是 {price}</translation>
    </message>
    <message>
        <source>stock must be zero or more, not {stock}</source>
        <comment>reward.bad_stock</comment>
        <translation>库存必须大于或等于零，不能是 {stock}</translation>
    </message>
    <message>
        <source>{value} is not a client UUID</source>
        <comment>reward.bad_uuid</comment>
        <translation>{value} 不是有效的客户端编号（UUID）</translation>
    </message>
    <message>
        <source>this redemption was already made for another reward or member</source>
        <comment>reward.key_reused</comment>
        <translation>此兑换已用于其他兑换品或会员</translation>
    </message>
    <message>
        <source>a coupon reward needs an offer to issue</source>
        <comment>reward.needs_offer</comment>
        <translation>优惠券类兑换品需要选择要发放的优惠活动</translation>
    </message>
    <message>
        <source>no member {member}</source>
        <comment>reward.no_member</comment>
        <translation>没有会员 {member}</translation>
    </message>
    <message>
        <source>no merchant {merchant}</source>
        <comment>reward.no_merchant</comment>
        <translation>没有商户 {merchant}</translation>
    </message>
    <message>
        <source>a reward needs a title</source>
        <comment>reward.no_title</comment>
        <translation>兑换品需要名称</translation>
    </message>
    <message>
        <source>{title} is not available now</source>
        <comment>reward.not_available</comment>
        <translation>{title} 当前不可兑换</translation>
    </message>
    <message>
        <source>the offer {offer} belongs to another merchant</source>
        <comment>reward.offer_other_merchant</comment>
        <translation>优惠活动 {offer} 属于其他商户</translation>
    </message>
    <message>
        <source>{title} is out of stock</source>
        <comment>reward.out_of_stock</comment>
        <translation>{title} 已兑完</translation>
    </message>
    <message>
        <source>no reward {reward}</source>
        <comment>reward.unknown</comment>
        <translation>没有兑换品 {reward}</translation>
    </message>
    <message>
        <source>a wallet amount must be a positive number of minor units, got {amount}</source>
        <comment>wallet.bad_amount</comment>
        <translation>钱包金额必须是正数（以分计），收到的是 {amount}</translation>
    </message>
    <message>
        <source>points to convert must be a positive whole number, got {points}</source>
        <comment>wallet.bad_points</comment>
        <translation>转换的积分必须是正整数，收到的是 {points}</translation>
    </message>
    <message>
        <source>the rate must be a positive number of cents per 100 points</source>
        <comment>wallet.bad_rate</comment>
        <translation>兑换比例必须是每 100 积分对应的正整数分值</translation>
    </message>
    <message>
        <source>the wallet holds {held}, not {wanted}</source>
        <comment>wallet.insufficient</comment>
        <translation>钱包余额为 {held}，不足 {wanted}</translation>
    </message>
    <message>
        <source>the wallet movement {key} was already made with different details</source>
        <comment>wallet.key_conflict</comment>
        <translation>钱包变动 {key} 已使用不同的内容提交过</translation>
    </message>
    <message>
        <source>the wallet&apos;s money changed while paying; try again</source>
        <comment>wallet.lots_short</comment>
        <translation>付款时钱包余额发生变化，请重试</translation>
    </message>
    <message>
        <source>no member {member}</source>
        <comment>wallet.no_member</comment>
        <translation>没有会员 {member}</translation>
    </message>
    <message>
        <source>sale {receipt} was not paid from a wallet</source>
        <comment>wallet.no_payment</comment>
        <translation>销售单 {receipt} 未使用储值钱包付款</translation>
    </message>
    <message>
        <source>only {left} of this wallet payment is left to give back</source>
        <comment>wallet.refund_too_much</comment>
        <translation>这笔钱包付款只剩 {left} 可退回</translation>
    </message>
    <message>
        <source>{points} points convert into less than one cent</source>
        <comment>wallet.too_few_points</comment>
        <translation>{points} 积分折算不足一分钱</translation>
    </message>
    <message>
        <source>the notice period is 0 to 365 days, not {days}</source>
        <comment>expiry.notice_days</comment>
        <translation>提前通知天数须在 0 到 365 天之间，而不是 {days}</translation>
    </message>
    <message>
        <source>no member look-up by {field}</source>
        <comment>lookup.bad_field</comment>
        <translation>不能按“{field}”查找会员</translation>
    </message>
    <message>
        <source>no such page of the history</source>
        <comment>lookup.bad_page</comment>
        <translation>没有这一页记录</translation>
    </message>
    <message>
        <source>the period ends before it starts</source>
        <comment>lookup.bad_period</comment>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <source>no points movements of kind {source}</source>
        <comment>lookup.bad_source</comment>
        <translation>没有“{source}”类型的积分变动</translation>
    </message>
    <message>
        <source>type a card, phone, name or member number</source>
        <comment>lookup.empty</comment>
        <translation>请输入卡号、手机号、姓名或会员号</translation>
    </message>
    <message>
        <source>no member {member}</source>
        <comment>lookup.no_member</comment>
        <translation>没有会员 {member}</translation>
    </message>
    <message>
        <source>type the whole phone number or its last four digits</source>
        <comment>lookup.phone_short</comment>
        <translation>请输入完整手机号或其后四位</translation>
    </message>
    <message>
        <source>a search is at most 64 characters</source>
        <comment>lookup.too_long</comment>
        <translation>搜索内容最多 64 个字符</translation>
    </message>
    <message>
        <source>an adjustment is a whole number of points, not zero, at most {limit} either way</source>
        <comment>adjust.bad_points</comment>
        <translation>调整积分须为非零整数，增减均不超过 {limit}</translation>
    </message>
    <message>
        <source>choose a reason for the adjustment</source>
        <comment>adjust.bad_reason</comment>
        <translation>请选择调整原因</translation>
    </message>
    <message>
        <source>the adjustment has no valid request id</source>
        <comment>adjust.bad_uuid</comment>
        <translation>该调整缺少有效的请求编号</translation>
    </message>
    <message>
        <source>choose the merchant whose points these are</source>
        <comment>adjust.issuer_required</comment>
        <translation>请选择积分所属商户</translation>
    </message>
    <message>
        <source>the note is at most 150 characters</source>
        <comment>adjust.note_long</comment>
        <translation>备注最多 150 个字符</translation>
    </message>
    <message>
        <source>say why in the note when the reason is “other”</source>
        <comment>adjust.note_required</comment>
        <translation>原因为“其他”时请在备注中说明</translation>
    </message>
    <message>
        <source>active “{text}” is not yes or no</source>
        <comment>import.active_format</comment>
        <translation>active（启用）“{text}”不是 yes 或 no</translation>
    </message>
    <message>
        <source>barcode “{code}” is in the in-store range 20–29 that scale labels use; give the product a PLU instead</source>
        <comment>import.barcode_in_store_range</comment>
        <translation>条码“{code}”属于电子秤标签使用的店内码范围 20–29；请改为给商品设置称重码（PLU）</translation>
    </message>
    <message>
        <source>barcode “{code}” belongs to product {sku}</source>
        <comment>import.barcode_taken</comment>
        <translation>条码“{code}”已属于商品 {sku}</translation>
    </message>
    <message>
        <source>the file is UTF-8 with invalid bytes on line {line}; save it again as UTF-8</source>
        <comment>import.broken_utf8</comment>
        <translation>文件是 UTF-8 编码，但第 {line} 行有无效字节；请重新另存为 UTF-8</translation>
    </message>
    <message>
        <source>cancelled; nothing was imported</source>
        <comment>import.cancelled</comment>
        <translation>已取消；未导入任何内容</translation>
    </message>
    <message>
        <source>the row has {found} cells; the header has {expected}</source>
        <comment>import.column_count</comment>
        <translation>该行有 {found} 个单元格，表头有 {expected} 列</translation>
    </message>
    <message>
        <source>{column} holds a control character</source>
        <comment>import.control_character</comment>
        <translation>{column} 含有控制字符</translation>
    </message>
    <message>
        <source>the file is not valid CSV at line {line}: {detail}</source>
        <comment>import.csv_syntax</comment>
        <translation>文件第 {line} 行不是有效的 CSV：{detail}</translation>
    </message>
    <message>
        <source>barcode “{code}” is also on row {first}</source>
        <comment>import.duplicate_barcode</comment>
        <translation>条码“{code}”在第 {first} 行也出现了</translation>
    </message>
    <message>
        <source>PLU “{plu}” is also on row {first}</source>
        <comment>import.duplicate_plu</comment>
        <translation>称重码“{plu}”在第 {first} 行也出现了</translation>
    </message>
    <message>
        <source>sku “{sku}” is also on row {first}</source>
        <comment>import.duplicate_sku</comment>
        <translation>商品编码“{sku}”在第 {first} 行也出现了</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <comment>import.empty_file</comment>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>the file is neither UTF-8 nor GB18030 text (line {line} cannot be read as {encoding})</source>
        <comment>import.encoding</comment>
        <translation>文件既不是 UTF-8 也不是 GB18030 文本（第 {line} 行无法按 {encoding} 读取）</translation>
    </message>
    <message>
        <source>the file changed since the dry run; run the dry run again</source>
        <comment>import.file_changed</comment>
        <translation>试运行之后文件已改变；请重新试运行</translation>
    </message>
    <message>
        <source>{rows} rows were rejected; nothing was imported. Correct them, or choose to skip them and import the rest</source>
        <comment>import.has_rejects</comment>
        <translation>有 {rows} 行被拒绝，未导入任何内容。请更正这些行，或选择跳过它们并导入其余行</translation>
    </message>
    <message>
        <source>column {position} of the header has no name</source>
        <comment>import.header_blank</comment>
        <translation>表头第 {position} 列没有列名</translation>
    </message>
    <message>
        <source>the file has no {columns} column; sku, name and price are required</source>
        <comment>import.missing_columns</comment>
        <translation>文件缺少 {columns} 列；sku、name 和 price 为必填列</translation>
    </message>
    <message>
        <source>merchant {id} does not exist</source>
        <comment>import.no_merchant</comment>
        <translation>商户 {id} 不存在</translation>
    </message>
    <message>
        <source>the file has a header but no product rows</source>
        <comment>import.no_rows</comment>
        <translation>文件只有表头，没有商品行</translation>
    </message>
    <message>
        <source>“{text}” in {column} is not a whole number of 0 or more</source>
        <comment>import.not_count</comment>
        <translation>{column} 中的“{text}”不是大于等于 0 的整数</translation>
    </message>
    <message>
        <source>the file is neither CSV text nor an XLSX workbook</source>
        <comment>import.not_text</comment>
        <translation>文件既不是 CSV 文本也不是 XLSX 工作簿</translation>
    </message>
    <message>
        <source>the file is not a readable XLSX workbook: {detail}</source>
        <comment>import.not_xlsx</comment>
        <translation>文件不是可读取的 XLSX 工作簿：{detail}</translation>
    </message>
    <message>
        <source>PLU “{text}” is not 1 to 5 digits</source>
        <comment>import.plu_format</comment>
        <translation>称重码“{text}”不是 1 到 5 位数字</translation>
    </message>
    <message>
        <source>PLU “{plu}” belongs to product {sku}</source>
        <comment>import.plu_taken</comment>
        <translation>称重码“{plu}”已属于商品 {sku}</translation>
    </message>
    <message>
        <source>price “{text}” is not a number of yuan such as 12.80</source>
        <comment>import.price_format</comment>
        <translation>售价“{text}”不是以元为单位的数字（如 12.80）</translation>
    </message>
    <message>
        <source>price “{text}” is negative</source>
        <comment>import.price_negative</comment>
        <translation>售价“{text}”是负数</translation>
    </message>
    <message>
        <source>column “{column}” appears twice in the header</source>
        <comment>import.repeated_column</comment>
        <translation>列“{column}”在表头中出现了两次</translation>
    </message>
    <message>
        <source>{column} is empty</source>
        <comment>import.required</comment>
        <translation>{column} 为空</translation>
    </message>
    <message>
        <source>sold_by “{text}” is neither unit nor weight</source>
        <comment>import.sold_by</comment>
        <translation>销售方式“{text}”既不是 unit 也不是 weight</translation>
    </message>
    <message>
        <source>tax rate “{text}” is not a percentage such as 13 or 9%</source>
        <comment>import.tax_format</comment>
        <translation>税率“{text}”不是百分比（如 13 或 9%）</translation>
    </message>
    <message>
        <source>tax rate “{text}” is above 100 %</source>
        <comment>import.tax_range</comment>
        <translation>税率“{text}”超过 100%</translation>
    </message>
    <message>
        <source>the file is {mb} MB; at most 200 MB are read</source>
        <comment>import.too_large</comment>
        <translation>文件大小为 {mb} MB；最多读取 200 MB</translation>
    </message>
    <message>
        <source>{column} is longer than {limit} characters</source>
        <comment>import.too_long</comment>
        <translation>{column} 超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>column “{column}” is not known; the columns are: {known}</source>
        <comment>import.unknown_column</comment>
        <translation>未知的列“{column}”；可用的列：{known}</translation>
    </message>
    <message>
        <source>the file cannot be read: {detail}</source>
        <comment>import.unreadable</comment>
        <translation>无法读取文件：{detail}</translation>
    </message>
    <message>
        <source>unit_weight_g must be more than 0</source>
        <comment>import.weight_zero</comment>
        <translation>单件重量 unit_weight_g 必须大于 0</translation>
    </message>
    <message>
        <source>XLS files (Excel 97–2003) are not read; save the sheet as XLSX or CSV</source>
        <comment>import.xls</comment>
        <translation>不支持 XLS 文件（Excel 97–2003）；请另存为 XLSX 或 CSV</translation>
    </message>
    <message>
        <source>tiers were last evaluated as of {last}; evaluate as of then or later</source>
        <comment>tiers.as_of_past</comment>
        <translation>会员等级上次评定截至 {last}；请按该时间或之后评定</translation>
    </message>
    <message>
        <source>a tier code is a short word (letters, digits, _)</source>
        <comment>tiers.code</comment>
        <translation>等级代码须为简短单词（字母、数字、_）</translation>
    </message>
    <message>
        <source>members hold tier “{code}”: its code cannot change</source>
        <comment>tiers.code_in_use</comment>
        <translation>已有会员处于等级“{code}”，不能更改或删除</translation>
    </message>
    <message>
        <source>there is already a tier “{code}”</source>
        <comment>tiers.duplicate</comment>
        <translation>等级“{code}”已存在</translation>
    </message>
    <message>
        <source>a tier needs a name</source>
        <comment>tiers.name</comment>
        <translation>等级需要名称</translation>
    </message>
    <message>
        <source>a threshold is a whole number of points ≥ 0</source>
        <comment>tiers.threshold</comment>
        <translation>门槛须为不小于 0 的整数积分</translation>
    </message>
    <message>
        <source>no such tier</source>
        <comment>tiers.unknown</comment>
        <translation>没有这个等级</translation>
    </message>
    <message>
        <source>the window is 1–3660 days</source>
        <comment>tiers.window</comment>
        <translation>统计周期须为 1–3660 天</translation>
    </message>
    <message>
        <source>a basket total cannot be negative</source>
        <comment>rules.basket_negative</comment>
        <translation>购物金额不能为负数</translation>
    </message>
    <message>
        <source>a promotion needs a first and a last day</source>
        <comment>rules.date_missing</comment>
        <translation>促销需要开始日期和结束日期</translation>
    </message>
    <message>
        <source>no chosen weekday falls between {start} and {end}</source>
        <comment>rules.date_range_empty</comment>
        <translation>{start} 至 {end} 之间没有所选的星期</translation>
    </message>
    <message>
        <source>the last day ({end}) is before the first ({start})</source>
        <comment>rules.date_range_inverted</comment>
        <translation>结束日期（{end}）早于开始日期（{start}）</translation>
    </message>
    <message>
        <source>the promotion&apos;s hours end before they start</source>
        <comment>rules.hours_empty</comment>
        <translation>促销时段的结束时间早于开始时间</translation>
    </message>
    <message>
        <source>hours must lie within 00:00–24:00</source>
        <comment>rules.hours_range</comment>
        <translation>时段须在 00:00–24:00 之内</translation>
    </message>
    <message>
        <source>rates and bonuses cannot be negative</source>
        <comment>rules.negative</comment>
        <translation>积分率和奖励不能为负数</translation>
    </message>
    <message>
        <source>no merchant {id}</source>
        <comment>rules.no_merchant</comment>
        <translation>没有商户 {id}</translation>
    </message>
    <message>
        <source>pick at least one weekday</source>
        <comment>rules.no_weekdays</comment>
        <translation>请至少选择一个星期</translation>
    </message>
    <message>
        <source>{what} must be a whole number</source>
        <comment>rules.not_whole</comment>
        <translation>{what} 必须是整数。</translation>
    </message>
    <message>
        <source>a percentage must be {low}–{high} %</source>
        <comment>rules.percent_range</comment>
        <translation>百分比须在 {low}–{high} % 之间</translation>
    </message>
    <message>
        <source>a promotion needs a name</source>
        <comment>rules.promotion_name</comment>
        <translation>促销需要名称</translation>
    </message>
    <message>
        <source>no such promotion for this merchant</source>
        <comment>rules.promotion_unknown</comment>
        <translation>本商户没有这个促销</translation>
    </message>
    <message>
        <source>a rate needs points and an amount</source>
        <comment>rules.rate_incomplete</comment>
        <translation>积分率需要积分数和金额</translation>
    </message>
    <message>
        <source>points are earned per an amount above 0</source>
        <comment>rules.rate_per_zero</comment>
        <translation>计分金额必须大于 0</translation>
    </message>
    <message>
        <source>at most {max} points per amount</source>
        <comment>rules.rate_too_high</comment>
        <translation>每单位金额最多 {max} 分</translation>
    </message>
    <message>
        <source>a rule needs a rate or a bonus</source>
        <comment>rules.rule_empty</comment>
        <translation>规则需要积分率或奖励积分</translation>
    </message>
    <message>
        <source>no such rule for this merchant</source>
        <comment>rules.rule_unknown</comment>
        <translation>本商户没有这条规则</translation>
    </message>
    <message>
        <source>that store is not this merchant&apos;s</source>
        <comment>rules.store_unknown</comment>
        <translation>该门店不属于本商户</translation>
    </message>
    <message>
        <source>a rule is for one product or one category</source>
        <comment>rules.target</comment>
        <translation>一条规则只适用于一个商品或一个品类</translation>
    </message>
    <message>
        <source>that product or category is not this merchant&apos;s</source>
        <comment>rules.target_unknown</comment>
        <translation>该商品或品类不属于本商户</translation>
    </message>
    <message>
        <source>choose a tier</source>
        <comment>rules.tier_missing</comment>
        <translation>请选择等级</translation>
    </message>
    <message>
        <source>a face encoding has {size} values, expected {expected}</source>
        <comment>faces.bad_encoding</comment>
        <translation>人脸特征有 {size} 个数值，应为 {expected} 个</translation>
    </message>
    <message>
        <source>the retention period must be 1 to 3650 days, not {days}</source>
        <comment>faces.bad_retention</comment>
        <translation>保存期限须为 1 至 3650 天，不能是 {days} 天</translation>
    </message>
    <message>
        <source>the picture is blurred: hold still</source>
        <comment>faces.blurry</comment>
        <translation>画面模糊：请保持不动</translation>
    </message>
    <message>
        <source>enrolment needs {low} to {high} face encodings, got {count}</source>
        <comment>faces.encoding_count</comment>
        <translation>人脸登记需要 {low} 至 {high} 个人脸特征，收到 {count} 个</translation>
    </message>
    <message>
        <source>a face encoding holds values that are not finite numbers</source>
        <comment>faces.encoding_not_finite</comment>
        <translation>人脸特征包含无效数值</translation>
    </message>
    <message>
        <source>the face models package (face_recognition_models) is not installed</source>
        <comment>faces.models_missing</comment>
        <translation>未安装人脸模型包（face_recognition_models）</translation>
    </message>
    <message>
        <source>the member has not consented to face recognition</source>
        <comment>faces.no_consent</comment>
        <translation>该会员未同意人脸识别</translation>
    </message>
    <message>
        <source>no face found: look at the camera</source>
        <comment>faces.none</comment>
        <translation>未检测到人脸：请看向摄像头</translation>
    </message>
    <message>
        <source>the head is turned or tilted: look straight at the camera</source>
        <comment>faces.not_frontal</comment>
        <translation>头部偏转或倾斜：请正视摄像头</translation>
    </message>
    <message>
        <source>more than one face: only the member may be in the picture</source>
        <comment>faces.several</comment>
        <translation>画面中不止一张人脸：请只让会员本人入镜</translation>
    </message>
    <message>
        <source>the face is too small: step closer to the camera</source>
        <comment>faces.too_small</comment>
        <translation>人脸太小：请靠近摄像头</translation>
    </message>
    <message>
        <source>no member {member}</source>
        <comment>member.not_found</comment>
        <translation>没有会员 {member}</translation>
    </message>
    <message>
        <source>identify the member before using a coupon</source>
        <comment>coupon.needs_member</comment>
        <translation>使用优惠券前请先识别会员</translation>
    </message>
    <message>
        <source>this coupon takes {value} off {product}; add it to the sale first</source>
        <comment>coupon.no_product</comment>
        <translation>此优惠券可抵扣{product} {value}；请先把该商品加入本单</translation>
    </message>
    <message>
        <source>a coupon can be used once on a sale</source>
        <comment>coupon.twice</comment>
        <translation>同一张优惠券在一笔交易中只能使用一次</translation>
    </message>
    <message>
        <source>no label stock {stock}; known: {known}</source>
        <comment>labels.bad_stock</comment>
        <translation>没有标签纸规格 {stock}；可用的规格：{known}</translation>
    </message>
    <message>
        <source>there are no codes to print</source>
        <comment>labels.empty</comment>
        <translation>没有可打印的积分码</translation>
    </message>
    <message>
        <source>{name} is not a shopping guide; this screen is for guides</source>
        <comment>pointcode.guide_only</comment>
        <translation>{name} 不是导购；此界面仅供导购使用</translation>
    </message>
    <message>
        <source>terminal “{terminal}” is not registered</source>
        <comment>pointcode.unknown_terminal</comment>
        <translation>终端“{terminal}”未登记</translation>
    </message>
    <message>
        <source>no store is registered in this database (register one in the back office, or run with --demo)</source>
        <comment>greeter.no_store</comment>
        <translation>数据库中没有登记任何门店（请在后台登记，或以 --demo 运行）</translation>
    </message>
    <message>
        <source>terminal “{terminal}” is not registered</source>
        <comment>greeter.unknown_terminal</comment>
        <translation>终端“{terminal}”未登记</translation>
    </message>
    <message>
        <source>confidence must be 0 to 1000, not {value}</source>
        <comment>reception.bad_confidence</comment>
        <translation>置信度必须在 0 到 1000 之间，不能是 {value}</translation>
    </message>
    <message>
        <source>unknown arrival source {source}</source>
        <comment>reception.bad_source</comment>
        <translation>未知的到店来源 {source}</translation>
    </message>
    <message>
        <source>the visit window must be 1 to 1440 minutes, not {minutes}</source>
        <comment>reception.bad_window</comment>
        <translation>到店去重时段必须为 1 到 1440 分钟，不能是 {minutes}</translation>
    </message>
    <message>
        <source>member {member} has no face consent in force</source>
        <comment>reception.not_enrolled</comment>
        <translation>会员 {member} 没有有效的人脸识别同意</translation>
    </message>
    <message>
        <source>member {member} is not a member of your merchant</source>
        <comment>reception.not_your_member</comment>
        <translation>会员 {member} 不是本商户的会员</translation>
    </message>
    <message>
        <source>no store {store}</source>
        <comment>store.not_found</comment>
        <translation>没有门店 {store}</translation>
    </message>
</context>
<context>
    <name>Expiry</name>
    <message>
        <source>Merchant code</source>
        <translation>商户编码</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>批次数</translation>
    </message>
    <message>
        <source>Points to breakage</source>
        <translation>转入过期积分</translation>
    </message>
    <message>
        <source>Members now hear of expiring points {0} days ahead.</source>
        <translation>会员将在积分过期前 {0} 天收到通知。</translation>
    </message>
    <message>
        <source>Points expiry</source>
        <translation>积分过期</translation>
    </message>
    <message>
        <source>Points expire lot by lot, oldest first, at the end of their validity. The unspent rest of each lot moves once to the coalition&apos;s breakage account, which ends the issuing merchant&apos;s liability for it; running the expiry again changes nothing. It also runs by itself every night, on the till chosen for the coalition&apos;s scheduled jobs.</source>
        <translation>积分按批次在有效期结束时过期，先到期的先过期。每批未使用的余额只转入联盟过期积分账户一次，发放商户对这部分积分的负债随之结束；重复执行不会再有变化。系统每晚也会在联盟指定执行定时任务的收银机上自动执行。</translation>
    </message>
    <message>
        <source>Notice to members (days before expiry)</source>
        <translation>提前通知会员（过期前天数）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Run expiry now</source>
        <translation>立即执行过期</translation>
    </message>
    <message>
        <source>Due now: {0} points in {1} lots.</source>
        <translation>当前到期：{1} 个批次共 {0} 积分。</translation>
    </message>
    <message>
        <source>Another terminal is running the expiry right now; nothing was done here.</source>
        <translation>另一台终端正在执行过期，本次未做任何操作。</translation>
    </message>
    <message>
        <source>Nothing was due: no points expired.</source>
        <translation>没有到期的积分，本次无积分过期。</translation>
    </message>
    <message>
        <source>Expired: {0} points from {1} lots of {2} members, moved to breakage.</source>
        <translation>已过期：{2} 位会员的 {1} 个批次共 {0} 积分，已转入过期积分。</translation>
    </message>
</context>
<context>
    <name>FaceEnrolment</name>
    <message>
        <source>Purpose: recognise you at the entrance of our stores to greet you and show your member details to our staff.
What is kept: face templates (numbers computed from your face), never photos.
How long: {0} days after your last visit, then deleted automatically.
How to withdraw: at any till, at the kiosk (My account) or with our staff; every template is deleted at once.
Optional: your card or phone number keeps working as before.</source>
        <translation>用途：在门店入口识别您，迎接您并向店员显示您的会员信息。
保存内容：人脸特征（由您的面部计算出的数字），从不保存照片。
保存期限：最后一次到店后 {0} 天，到期自动删除。
如何撤回：在任一收银台、自助机（我的账户）或向店员提出；所有人脸特征立即全部删除。
自愿：会员卡或手机号照常可用。</translation>
    </message>
    <message>
        <source>The camera shows no picture yet.</source>
        <translation>摄像头还没有画面。</translation>
    </message>
    <message>
        <source>Enrol face</source>
        <translation>登记人脸</translation>
    </message>
    <message>
        <source>{0}: consent to face recognition</source>
        <translation>{0}：同意人脸识别</translation>
    </message>
    <message>
        <source>{0}: look at the camera</source>
        <translation>{0}：请看摄像头</translation>
    </message>
    <message>
        <source>Ask the member to read this and tap “I agree” on the customer display, or tap “The member agrees” here.</source>
        <translation>请会员阅读以上内容，在顾客屏上点“我同意”，或在这里点“会员同意”。</translation>
    </message>
    <message>
        <source>Pictures accepted: {0} of {1}</source>
        <translation>已采用照片：{0} / {1}</translation>
    </message>
    <message>
        <source>The member agrees</source>
        <translation>会员同意</translation>
    </message>
    <message>
        <source>Take picture</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>撤回同意</translation>
    </message>
</context>
<context>
    <name>Flows</name>
    <message>
        <source>Welcome, {0}.</source>
        <translation>欢迎，{0}。</translation>
    </message>
    <message>
        <source>Finish or void the sale in progress before closing the shift.</source>
        <translation>交班前请完成或作废进行中的交易。</translation>
    </message>
    <message>
        <source>Shift closed: Z report {0}.</source>
        <translation>已交班：Z 报表 {0}。</translation>
    </message>
    <message>
        <source>A weighed or labelled item cannot change quantity; remove it and weigh again.</source>
        <translation>称重或标签商品不能改数量；请删除后重新称重。</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>whole cart</source>
        <translation>整单</translation>
    </message>
    <message>
        <source>Cart discount -{0}</source>
        <translation>整单折扣 -{0}</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>新价格</translation>
    </message>
    <message>
        <source> (per kg)</source>
        <translation>（每公斤）</translation>
    </message>
    <message>
        <source>{0} lines, {1}</source>
        <translation>{0} 行，{1}</translation>
    </message>
    <message>
        <source>Open a shift before taking payment.</source>
        <translation>收款前请先开班。</translation>
    </message>
    <message>
        <source>This sale was already saved as receipt {0}; nothing was charged again.</source>
        <translation>这笔交易已保存为小票 {0}；没有重复收费。</translation>
    </message>
    <message>
        <source>Paid {0}. Receipt {1}.</source>
        <translation>已收 {0}。小票 {1}。</translation>
    </message>
    <message>
        <source>CHANGE {0}</source>
        <translation>找零 {0}</translation>
    </message>
    <message>
        <source>+{0} points.</source>
        <translation>+{0} 积分。</translation>
    </message>
    <message>
        <source>Sale {0} voided: give back {1}.</source>
        <translation>交易 {0} 已作废：退还 {1}。</translation>
    </message>
    <message>
        <source>That is a coupon: scan the items first, then the coupon.</source>
        <translation>这是一张优惠券：请先扫描商品，再扫描优惠券。</translation>
    </message>
    <message>
        <source>That is a coupon: identify the member first, then scan it again.</source>
        <translation>这是一张优惠券：请先识别会员，再扫描一次。</translation>
    </message>
    <message>
        <source>{0}&apos;s face is enrolled ({1} templates).</source>
        <translation>{0} 的人脸已登记（{1} 个特征）。</translation>
    </message>
    <message>
        <source>Face consent withdrawn: {0} templates deleted.</source>
        <translation>已撤回人脸识别同意：删除了 {0} 个特征。</translation>
    </message>
</context>
<context>
    <name>Greeter</name>
    <message>
        <source>Welcome, {0}!</source>
        <translation>{0}，欢迎光临！</translation>
    </message>
    <message>
        <source>{0} member · {1} points</source>
        <translation>{0}会员 · {1} 积分</translation>
    </message>
    <message>
        <source>Favourites: {0}</source>
        <translation>常购：{0}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Coupons: {0}</source>
        <translation>可用券：{0}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Last visit: {0}</source>
        <translation>上次到店：{0}</translation>
    </message>
    <message>
        <source>first visit</source>
        <translation>首次到店</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎光临</translation>
    </message>
    <message>
        <source>Members who have enrolled their face at the till are welcomed here as they come in.</source>
        <translation>在收银台登记过人脸的会员进店时会在这里显示欢迎卡片。</translation>
    </message>
    <message>
        <source>Door sign</source>
        <translation>门口告示</translation>
    </message>
    <message>
        <source>Print this notice and put it up at the door before the greeter is switched on.</source>
        <translation>开启迎宾识别前，请打印此告示并张贴在门口。</translation>
    </message>
    <message>
        <source>Camera: {0}</source>
        <translation>摄像头：{0}</translation>
    </message>
    <message>
        <source>enrolling the demo members…</source>
        <translation>正在登记演示会员…</translation>
    </message>
    <message>
        <source>recognition starting…</source>
        <translation>识别启动中…</translation>
    </message>
    <message>
        <source>recognition on</source>
        <translation>识别运行中</translation>
    </message>
    <message>
        <source>recognition stopped: {0}</source>
        <translation>识别已停止：{0}</translation>
    </message>
    <message>
        <source>No camera picture. The greeter keeps trying to reconnect.</source>
        <translation>没有摄像头画面，迎宾屏正在不断尝试重新连接。</translation>
    </message>
    <message>
        <source>Members enrol their face at the till: attach the member, then “Face” in the member panel.</source>
        <translation>会员在收银台登记人脸：先识别会员，再点会员区的“人脸”。</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>导购</translation>
    </message>
    <message>
        <source>Units marked</source>
        <translation>已标记件数</translation>
    </message>
    <message>
        <source>Units redeemed</source>
        <translation>已兑换件数</translation>
    </message>
    <message>
        <source>Linked points</source>
        <translation>关联积分</translation>
    </message>
    <message>
        <source>Enter your staff code and PIN.</source>
        <translation>请输入员工编号和 PIN。</translation>
    </message>
    <message>
        <source>Marked as sold by you: {0}</source>
        <translation>已标记为您售出：{0}</translation>
    </message>
    <message>
        <source>Not marked: {0} already marked this unit on {1}.</source>
        <translation>未标记：{0} 已于 {1} 标记了这件商品。</translation>
    </message>
    <message>
        <source>Your points: {0}    Units you marked: {1}    of them redeemed: {2}</source>
        <translation>我的积分：{0}    我标记的件数：{1}    其中已兑换：{2}</translation>
    </message>
    <message>
        <source>Patron — shopping guide</source>
        <translation>Patron — 导购</translation>
    </message>
    <message>
        <source>Shopping guide sign-in</source>
        <translation>导购登录</translation>
    </message>
    <message>
        <source>Staff code</source>
        <translation>员工编号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>中文 / English</source>
        <translation>中文 / English</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Scan or type a unit&apos;s point code:</source>
        <translation>扫描或输入商品的积分码：</translation>
    </message>
    <message>
        <source>e.g. P72M-K4Q8-R9XH-3KD2-WQAN</source>
        <translation>例如 P72M-K4Q8-R9XH-3KD2-WQAN</translation>
    </message>
    <message>
        <source>Mark as sold by me</source>
        <translation>标记为我售出</translation>
    </message>
    <message>
        <source>Guides&apos; board</source>
        <translation>导购排行榜</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Receipt {0} sent to the printer.</source>
        <translation>小票 {0} 已发送到打印机。</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Sales history</source>
        <translation>销售记录</translation>
    </message>
    <message>
        <source>Sales in this shift</source>
        <translation>本班次的交易</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>小票号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>退货…</translation>
    </message>
    <message>
        <source>Void sale…</source>
        <translation>作废交易…</translation>
    </message>
</context>
<context>
    <name>IdentifyDialog</name>
    <message>
        <source>Identify member</source>
        <translation>识别会员</translation>
    </message>
    <message>
        <source>Type the member&apos;s mobile number or card number — or swipe the card or scan the member QR now.</source>
        <translation>输入会员手机号或卡号 — 或现在刷会员卡、扫会员码。</translation>
    </message>
    <message>
        <source>Mobile or card number</source>
        <translation>手机号或卡号</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation>ABC</translation>
    </message>
    <message>
        <source>Switch between pinyin and English letters</source>
        <translation>切换拼音 / 英文字母</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Delete the last letter</source>
        <translation>删除最后一个字母</translation>
    </message>
    <message>
        <source>Capital letter</source>
        <translation>大写字母</translation>
    </message>
    <message>
        <source>Previous candidates</source>
        <translation>上一页候选</translation>
    </message>
    <message>
        <source>More candidates</source>
        <translation>更多候选</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Enter</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>Sale</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>作废</translation>
    </message>
</context>
<context>
    <name>KioskAccount</name>
    <message>
        <source>My points and coupons</source>
        <translation>我的积分和电子券</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>My coupons</source>
        <translation>我的电子券</translation>
    </message>
    <message>
        <source>{0} points · {1}</source>
        <translation>{0} 积分 · {1}</translation>
    </message>
    <message>
        <source>{0} points expire by {1}; use them soon.</source>
        <translation>{0} 积分将于 {1} 前过期，请尽快使用。</translation>
    </message>
    <message>
        <source>{0} — valid until {1}</source>
        <translation>{0} — 有效期至 {1}</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>The code was sent to your phone by SMS.</source>
        <translation>券码已通过短信发送到您的手机。</translation>
    </message>
    <message>
        <source>Printing your slip…</source>
        <translation>正在打印券单…</translation>
    </message>
    <message>
        <source>Please take your slip below the screen.</source>
        <translation>请在屏幕下方取走券单。</translation>
    </message>
    <message>
        <source>This kiosk has no printer; use SMS instead.</source>
        <translation>本机没有打印机，请改用短信。</translation>
    </message>
    <message>
        <source>No coupons yet</source>
        <translation>暂无电子券</translation>
    </message>
    <message>
        <source>Your face data is deleted. The greeter no longer recognises you.</source>
        <translation>您的人脸数据已删除，迎宾屏不会再识别您。</translation>
    </message>
    <message>
        <source>Tap again to delete my face data</source>
        <translation>再点一次，删除我的人脸数据</translation>
    </message>
    <message>
        <source>Stop recognising my face at the door</source>
        <translation>不再在门口识别我的人脸</translation>
    </message>
</context>
<context>
    <name>KioskAttract</name>
    <message>
        <source>Welcome to {0}</source>
        <translation>欢迎光临{0}</translation>
    </message>
    <message>
        <source>Members collect and spend points in every shop of the coalition.</source>
        <translation>会员在联盟内每家商户都能累积和使用积分。</translation>
    </message>
    <message>
        <source>Touch the screen to start</source>
        <translation>轻触屏幕开始</translation>
    </message>
</context>
<context>
    <name>KioskDelivery</name>
    <message>
        <source>This kiosk has no printer; choose SMS instead.</source>
        <translation>本机没有打印机，请选择短信。</translation>
    </message>
    <message>
        <source>The card&apos;s deposit is {0} points; you get them back when you return the card.</source>
        <translation>储值卡押金 {0} 积分，归还卡片时退回。</translation>
    </message>
    <message>
        <source>The card dispenser cannot give a card now; choose a slip or SMS instead.</source>
        <translation>发卡器暂时无法发卡，请选择打印券单或短信。</translation>
    </message>
    <message>
        <source>Your coupon is ready</source>
        <translation>您的电子券已生成</translation>
    </message>
    <message>
        <source>{0} — valid until {1}</source>
        <translation>{0} — 有效期至 {1}</translation>
    </message>
    <message>
        <source>How would you like to take it?</source>
        <translation>您希望以何种方式领取？</translation>
    </message>
    <message>
        <source>Print a slip</source>
        <translation>打印券单</translation>
    </message>
    <message>
        <source>Print it again</source>
        <translation>再打印一张</translation>
    </message>
    <message>
        <source>Send it by SMS</source>
        <translation>短信发送</translation>
    </message>
    <message>
        <source>On a card</source>
        <translation>装入储值卡</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Printing your slip…</source>
        <translation>正在打印券单…</translation>
    </message>
    <message>
        <source>Please take your slip below the screen.</source>
        <translation>请在屏幕下方取走券单。</translation>
    </message>
    <message>
        <source>The code was sent to your phone by SMS.</source>
        <translation>券码已通过短信发送到您的手机。</translation>
    </message>
    <message>
        <source>Please take your card {0}. Return it at any kiosk to get its deposit back.</source>
        <translation>请取走储值卡 {0}。在任一自助机归还即可退回押金。</translation>
    </message>
</context>
<context>
    <name>KioskFlows</name>
    <message>
        <source>Offers and coupons</source>
        <translation>优惠与电子券</translation>
    </message>
    <message>
        <source>See today&apos;s offers from every shop</source>
        <translation>查看各商户今日优惠</translation>
    </message>
    <message>
        <source>My points and coupons</source>
        <translation>我的积分和电子券</translation>
    </message>
    <message>
        <source>Your balance, expiring points, coupons</source>
        <translation>积分余额、即将过期积分、电子券</translation>
    </message>
    <message>
        <source>Return a card</source>
        <translation>归还储值卡</translation>
    </message>
    <message>
        <source>Get a card&apos;s balance and deposit back</source>
        <translation>退回卡内余额和押金</translation>
    </message>
    <message>
        <source>Scan a point code</source>
        <translation>扫积分码</translation>
    </message>
    <message>
        <source>Points for the product you bought</source>
        <translation>购买的商品送积分</translation>
    </message>
</context>
<context>
    <name>KioskHome</name>
    <message>
        <source>Hello, {0}. What would you like to do?</source>
        <translation>{0}，您好！请选择您要办理的业务。</translation>
    </message>
    <message>
        <source>What would you like to do?</source>
        <translation>请选择您要办理的业务。</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>结束</translation>
    </message>
</context>
<context>
    <name>KioskIdentify</name>
    <message>
        <source>We sent a 6-digit code to {0}. Type it here.</source>
        <translation>验证码已发送至 {0}，请在此输入 6 位数字。</translation>
    </message>
    <message>
        <source>Who are you?</source>
        <translation>请先识别会员身份</translation>
    </message>
    <message>
        <source>Type your mobile number, swipe your member card, or show your member QR code to the scanner.</source>
        <translation>请输入手机号，或刷会员卡，或将会员二维码对准扫描器。</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>重新发送验证码</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>We could not recognise you. Type your mobile number or swipe your card instead.</source>
        <translation>未能识别您。请输入手机号或刷会员卡。</translation>
    </message>
    <message>
        <source>Look at the camera…</source>
        <translation>请看摄像头…</translation>
    </message>
    <message>
        <source>Check in with your face</source>
        <translation>刷脸签到</translation>
    </message>
</context>
<context>
    <name>KioskIdle</name>
    <message>
        <source>Are you still there? This screen starts over in {0} seconds.</source>
        <translation>您还在吗？本屏幕将在 {0} 秒后重新开始。</translation>
    </message>
    <message>
        <source>Yes, I&apos;m still here</source>
        <translation>我还在</translation>
    </message>
</context>
<context>
    <name>KioskJoin</name>
    <message>
        <source>Join the coalition&apos;s membership</source>
        <translation>加入联盟会员</translation>
    </message>
    <message>
        <source>Mobile number: {0}</source>
        <translation>手机号：{0}</translation>
    </message>
    <message>
        <source>Your name (optional)</source>
        <translation>您的姓名（可选）</translation>
    </message>
    <message>
        <source>I accept the membership terms and privacy notice</source>
        <translation>我同意会员条款和隐私声明</translation>
    </message>
    <message>
        <source>Send me offers by SMS (optional)</source>
        <translation>通过短信接收优惠信息（可选）</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Welcome! You received {0} points for joining.</source>
        <translation>欢迎加入！您获得了 {0} 积分入会奖励。</translation>
    </message>
</context>
<context>
    <name>KioskOffers</name>
    <message>
        <source>{0} points</source>
        <translation>{0} 积分</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>{0} left</source>
        <translation>剩余 {0} 份</translation>
    </message>
    <message>
        <source>Today&apos;s offers — tap one to order it</source>
        <translation>今日优惠 — 点击即可兑换</translation>
    </message>
    <message>
        <source>No offers right now. Please come back soon.</source>
        <translation>目前没有优惠活动，请稍后再来。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>KioskOrder</name>
    <message>
        <source>Your payment was paid back; nothing was charged.</source>
        <translation>您的付款已原路退回，未产生任何费用。</translation>
    </message>
    <message>
        <source>Order this offer</source>
        <translation>兑换此优惠</translation>
    </message>
    <message>
        <source>You have {0} points.</source>
        <translation>您有 {0} 积分。</translation>
    </message>
    <message>
        <source>Show your wallet&apos;s payment code to the scanner, or type its 18 digits.</source>
        <translation>请向扫码器出示付款码，或输入 18 位付款码数字。</translation>
    </message>
    <message>
        <source>Order with {0} points and pay {1}</source>
        <translation>使用 {0} 积分并支付 {1} 兑换</translation>
    </message>
    <message>
        <source>Pay {0} and order</source>
        <translation>支付 {0} 兑换</translation>
    </message>
    <message>
        <source>Order with {0} points</source>
        <translation>使用 {0} 积分兑换</translation>
    </message>
    <message>
        <source>Get this coupon</source>
        <translation>领取此券</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>KioskOutOfOrder</name>
    <message>
        <source>Sorry, this kiosk is resting</source>
        <translation>抱歉，本机暂停服务</translation>
    </message>
    <message>
        <source>Please ask a member of staff, or use another kiosk. Your points and coupons are safe.</source>
        <translation>请联系店员或使用其他自助机。您的积分和电子券不受影响。</translation>
    </message>
</context>
<context>
    <name>KioskPointCode</name>
    <message>
        <source>You already received the points of this code.</source>
        <translation>您已领取过这个积分码的积分。</translation>
    </message>
    <message>
        <source>Scan a point code</source>
        <translation>扫积分码</translation>
    </message>
    <message>
        <source>Hold the QR on the product&apos;s label to the scanner, or type the code printed under it.</source>
        <translation>请将商品标签上的二维码对准扫描器，或输入二维码旁印的积分码。</translation>
    </message>
    <message>
        <source>e.g. P72M-K4Q8-R9XH-3KD2-WQAN</source>
        <translation>例如 P72M-K4Q8-R9XH-3KD2-WQAN</translation>
    </message>
    <message>
        <source>Get my points</source>
        <translation>领取积分</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>No thanks, finish</source>
        <translation>不用了，完成</translation>
    </message>
    <message>
        <source>Scan another code</source>
        <translation>再扫一个</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Send my answer</source>
        <translation>提交回答</translation>
    </message>
    <message>
        <source>+{0} points for {1} · your balance: {2} points</source>
        <translation>{1} 送您 +{0} 积分 · 当前积分：{2}</translation>
    </message>
    <message>
        <source> Answer and get {0} points.</source>
        <translation> 回答即送 {0} 积分。</translation>
    </message>
    <message>
        <source>Thank you! +{0} points</source>
        <translation>谢谢！+{0} 积分</translation>
    </message>
    <message>
        <source>Thank you for your answer!</source>
        <translation>谢谢您的回答！</translation>
    </message>
    <message>
        <source>Your balance: {0} points</source>
        <translation>当前积分：{0}</translation>
    </message>
</context>
<context>
    <name>KioskReturn</name>
    <message>
        <source>Return a card</source>
        <translation>归还储值卡</translation>
    </message>
    <message>
        <source>Put the card into the slot under the screen.</source>
        <translation>请将卡片插入屏幕下方的卡口。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Thank you. {0} points went back to your account.</source>
        <translation>谢谢！{0} 积分已退回您的账户。</translation>
    </message>
</context>
<context>
    <name>KioskStaff</name>
    <message>
        <source>Kiosk {0} — staff</source>
        <translation>自助机 {0} — 员工</translation>
    </message>
    <message>
        <source>Opened by {0}</source>
        <translation>由 {0} 打开</translation>
    </message>
    <message>
        <source>No devices configured</source>
        <translation>未配置设备</translation>
    </message>
    <message>
        <source>Leave the kiosk</source>
        <translation>退出自助机</translation>
    </message>
    <message>
        <source>Back to the shoppers</source>
        <translation>返回顾客界面</translation>
    </message>
</context>
<context>
    <name>LastCardView</name>
    <message>
        <source>no card read yet — swipe or tap a card</source>
        <translation>尚未读卡 — 请刷卡或贴卡</translation>
    </message>
    <message>
        <source>payment card ••••{0}</source>
        <translation>银行卡 ••••{0}</translation>
    </message>
    <message>
        <source>member card {0}</source>
        <translation>会员卡 {0}</translation>
    </message>
    <message>
        <source>NFC tag {0}</source>
        <translation>NFC 标签 {0}</translation>
    </message>
    <message>
        <source>unreadable swipe — try again</source>
        <translation>刷卡无法识别 — 请重试</translation>
    </message>
    <message>
        <source>unknown card ••••{0}</source>
        <translation>未知卡 ••••{0}</translation>
    </message>
    <message>
        <source>unknown card</source>
        <translation>未知卡</translation>
    </message>
    <message>
        <source>Last card</source>
        <translation>最近读卡</translation>
    </message>
</context>
<context>
    <name>LastScanView</name>
    <message>
        <source>Last scan</source>
        <translation>最近扫码</translation>
    </message>
    <message>
        <source>nothing scanned yet — scan any barcode</source>
        <translation>尚未扫码 — 请扫描任意条码</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <source>No member</source>
        <translation>非会员</translation>
    </message>
    <message>
        <source>Swipe the member card, scan the member QR or enter the phone number (F3).</source>
        <translation>刷会员卡、扫会员码或输入手机号 (F3)。</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（未填姓名）</translation>
    </message>
    <message>
        <source>{0} · {1} · No. {2}</source>
        <translation>{0} · {1} · 会员号 {2}</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} 积分</translation>
    </message>
    <message>
        <source>Coupons: {0}</source>
        <translation>可用券：{0}</translation>
    </message>
    <message>
        <source> (+{0} more)</source>
        <translation>（另有 {0} 张）</translation>
    </message>
    <message>
        <source>No usable coupons</source>
        <translation>无可用优惠券</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Member (F3)</source>
        <translation>会员 (F3)</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>Take the member off this sale</source>
        <translation>取消本单的会员</translation>
    </message>
    <message>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <source>Enrol the member&apos;s face, or withdraw that consent</source>
        <translation>登记会员人脸，或撤回人脸识别同意</translation>
    </message>
</context>
<context>
    <name>Members</name>
    <message>
        <source>Sale</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Point code</source>
        <translation>积分码</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <source>Registration reward</source>
        <translation>注册奖励</translation>
    </message>
    <message>
        <source>Feedback reward</source>
        <translation>反馈奖励</translation>
    </message>
    <message>
        <source>Shopping guide</source>
        <translation>导购</translation>
    </message>
    <message>
        <source>Missing points</source>
        <translation>补录积分</translation>
    </message>
    <message>
        <source>Goodwill</source>
        <translation>客户关怀</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Misuse</source>
        <translation>违规扣除</translation>
    </message>
    <message>
        <source>Other (say why in the note)</source>
        <translation>其他（请在备注中说明）</translation>
    </message>
    <message>
        <source>Another merchant</source>
        <translation>其他商户</translation>
    </message>
    <message>
        <source>Member number</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>发放商户</translation>
    </message>
    <message>
        <source>Awarded</source>
        <translation>发放日期</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>过期日期</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>授权时间</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>撤回时间</translation>
    </message>
    <message>
        <source>Kept (days)</source>
        <translation>保留（天）</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>All merchants</source>
        <translation>全部商户</translation>
    </message>
    <message>
        <source>No member found.</source>
        <translation>未找到会员。</translation>
    </message>
    <message>
        <source>Found: {0} (at most {1} are listed)</source>
        <translation>找到：{0}（最多列出 {1} 条）</translation>
    </message>
    <message>
        <source>Find a member by card, phone (the whole number or its last four digits), name or member number.</source>
        <translation>按卡号、手机号（完整号码或后四位）、姓名或会员号查找会员。</translation>
    </message>
    <message>
        <source>Balance: {0} points</source>
        <translation>余额：{0} 积分</translation>
    </message>
    <message>
        <source>Member number: {0}   Phone: {1}   Tier: {2}</source>
        <translation>会员号：{0}   手机：{1}   等级：{2}</translation>
    </message>
    <message>
        <source>Home merchant: {0}   Registered: {1}   Cards: {2}</source>
        <translation>开卡商户：{0}   注册：{1}   会员卡：{2}</translation>
    </message>
    <message>
        <source>Page {0} of {1} ({2} entries)</source>
        <translation>第 {0}/{1} 页（共 {2} 条）</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Card, phone or its last 4 digits, name, member number</source>
        <translation>卡号、手机号或后四位、姓名、会员号</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Adjust points…</source>
        <translation>调整积分…</translation>
    </message>
    <message>
        <source>Open lots</source>
        <translation>有效积分批次</translation>
    </message>
    <message>
        <source>History</source>
        <translation>积分记录</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>授权记录</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>‹ Newer</source>
        <translation>‹ 较新</translation>
    </message>
    <message>
        <source>Older ›</source>
        <translation>较早 ›</translation>
    </message>
    <message>
        <source>{0:+d} points for {1}; the balance is now {2}.</source>
        <translation>{1} 积分 {0:+d}，当前余额 {2}。</translation>
    </message>
    <message>
        <source>Adjust points of {0}</source>
        <translation>调整 {0} 的积分</translation>
    </message>
    <message>
        <source>As the coalition operator you correct any member&apos;s points; an addition names the merchant whose points they are.</source>
        <translation>作为联盟运营方，您可更正任何会员的积分；增加积分时需指定积分所属商户。</translation>
    </message>
    <message>
        <source>You add your merchant&apos;s points or take back points your merchant issued. A second manager of your merchant approves with their code and PIN.</source>
        <translation>您可增加本商户的积分，或扣回本商户发放的积分。需由本商户另一位经理输入工号和密码批准。</translation>
    </message>
    <message>
        <source>Points (+ add, − take back)</source>
        <translation>积分（+ 增加，− 扣回）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Merchant&apos;s points</source>
        <translation>积分所属商户</translation>
    </message>
    <message>
        <source>Approving manager (code)</source>
        <translation>批准经理（工号）</translation>
    </message>
    <message>
        <source>Their PIN</source>
        <translation>经理密码</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{0} face templates stored</source>
        <translation>已存 {0} 个人脸特征</translation>
    </message>
    <message>
        <source>Withdraw face consent</source>
        <translation>撤回人脸识别同意</translation>
    </message>
    <message>
        <source>Delete every face template of this member now? The greeters stop recognising them within seconds.</source>
        <translation>现在删除该会员的全部人脸特征吗？迎宾屏将在几秒内停止识别此人。</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Face consent withdrawn: {0} templates deleted.</source>
        <translation>已撤回人脸识别同意：删除了 {0} 个特征。</translation>
    </message>
    <message>
        <source>Withdraw face consent…</source>
        <translation>撤回人脸识别同意…</translation>
    </message>
</context>
<context>
    <name>MerchantDialog</name>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Register a merchant</source>
        <translation>登记商户</translation>
    </message>
    <message>
        <source>Edit merchant {0}</source>
        <translation>编辑商户 {0}</translation>
    </message>
    <message>
        <source>Merchant code</source>
        <translation>商户编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Province code</source>
        <translation>省份代码</translation>
    </message>
    <message>
        <source>City code</source>
        <translation>城市代码</translation>
    </message>
    <message>
        <source>District code</source>
        <translation>区县代码</translation>
    </message>
    <message>
        <source>Settlement account name</source>
        <translation>结算账户名</translation>
    </message>
    <message>
        <source>Settlement bank</source>
        <translation>结算开户行</translation>
    </message>
    <message>
        <source>Settlement account number</source>
        <translation>结算账号</translation>
    </message>
    <message>
        <source>Statement e-mail</source>
        <translation>对账单邮箱</translation>
    </message>
    <message>
        <source>lower-case pinyin, e.g. shanghai</source>
        <translation>小写拼音，例如 shanghai</translation>
    </message>
    <message>
        <source>unchanged ({0}) unless you type a new number</source>
        <translation>不变（{0}），除非输入新账号</translation>
    </message>
    <message>
        <source>8 to 34 digits</source>
        <translation>8 至 34 位数字</translation>
    </message>
</context>
<context>
    <name>MerchantsPage</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Settlement bank</source>
        <translation>结算开户行</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Statement e-mail</source>
        <translation>对账单邮箱</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>门店数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Terminals</source>
        <translation>终端数</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reopen store</source>
        <translation>重新营业</translation>
    </message>
    <message>
        <source>Close store</source>
        <translation>门店停业</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>Merchants, stores and terminals</source>
        <translation>商户、门店与终端</translation>
    </message>
    <message>
        <source>Your merchant, stores and terminals</source>
        <translation>本商户的门店与终端</translation>
    </message>
    <message>
        <source>Merchants</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Stores of the selected merchant</source>
        <translation>所选商户的门店</translation>
    </message>
    <message>
        <source>Terminals of the selected store</source>
        <translation>所选门店的终端</translation>
    </message>
    <message>
        <source>Register merchant…</source>
        <translation>登记商户…</translation>
    </message>
    <message>
        <source>Register store…</source>
        <translation>登记门店…</translation>
    </message>
    <message>
        <source>Register terminal…</source>
        <translation>登记终端…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Open a shift</source>
        <translation>开始新班次</translation>
    </message>
    <message>
        <source>Count the float put in the drawer and enter it.</source>
        <translation>清点放入钱箱的备用金并输入金额。</translation>
    </message>
    <message>
        <source>Opening float, e.g. 500.00</source>
        <translation>备用金，例如 500.00</translation>
    </message>
</context>
<context>
    <name>OrgWords</name>
    <message>
        <source>Cashier till</source>
        <translation>收银机</translation>
    </message>
    <message>
        <source>Member kiosk</source>
        <translation>会员自助机</translation>
    </message>
    <message>
        <source>Greeter</source>
        <translation>迎宾屏</translation>
    </message>
    <message>
        <source>Handheld</source>
        <translation>手持终端</translation>
    </message>
    <message>
        <source>Exit gate</source>
        <translation>出口闸机</translation>
    </message>
    <message>
        <source>Back office</source>
        <translation>后台</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>Shopping guide</source>
        <translation>导购</translation>
    </message>
    <message>
        <source>Coalition operator</source>
        <translation>联盟运营方</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>OutboxPage</name>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Merchants (e-mail)</source>
        <translation>商户（电子邮件）</translation>
    </message>
    <message>
        <source>Operator (e-mail)</source>
        <translation>运营方（电子邮件）</translation>
    </message>
    <message>
        <source>Balance change</source>
        <translation>积分变动</translation>
    </message>
    <message>
        <source>Points expiring</source>
        <translation>积分即将过期</translation>
    </message>
    <message>
        <source>Tier change</source>
        <translation>等级变更</translation>
    </message>
    <message>
        <source>Merchant statement</source>
        <translation>商户对账单</translation>
    </message>
    <message>
        <source>Test message</source>
        <translation>测试消息</translation>
    </message>
    <message>
        <source>Kiosk sign-in code</source>
        <translation>自助机登录验证码</translation>
    </message>
    <message>
        <source>Coupon by SMS</source>
        <translation>短信优惠券</translation>
    </message>
    <message>
        <source>Coupon order</source>
        <translation>优惠券订单</translation>
    </message>
    <message>
        <source>Card booked</source>
        <translation>卡券已预订</translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation>礼品已兑换</translation>
    </message>
    <message>
        <source>Points to wallet</source>
        <translation>积分转入钱包</translation>
    </message>
    <message>
        <source>Partner conversion done</source>
        <translation>合作方转换成功</translation>
    </message>
    <message>
        <source>Partner conversion refused</source>
        <translation>合作方拒绝转换</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>发送出错</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>已失败</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Ready, nothing sent yet</source>
        <translation>已就绪，尚未发送</translation>
    </message>
    <message>
        <source>Not set up on this terminal</source>
        <translation>本终端未设置</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>Due now</source>
        <translation>尽快发送</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Provider on this terminal</source>
        <translation>本终端的服务商</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>最近发送</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>入队时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Sent / next attempt</source>
        <translation>发送 / 下次尝试</translation>
    </message>
    <message>
        <source>Choose a message to see its last error in full.</source>
        <translation>选择一条消息以查看其最近错误的全文。</translation>
    </message>
    <message>
        <source>{0}: {1} (code {2})</source>
        <translation>{0}：{1}（代码 {2}）</translation>
    </message>
    <message>
        <source>{0} messages will be sent again at the next dispatch.</source>
        <translation>{0} 条消息将在下次发送时重新发送。</translation>
    </message>
    <message>
        <source>Sent {0}; {1} to try again; {2} parked as failed.</source>
        <translation>已发送 {0} 条；{1} 条稍后重试；{2} 条因失败而搁置。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Sent through {0}. Check that it arrived.</source>
        <translation>已通过 {0} 发送，请确认是否收到。</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Test e-mail to</source>
        <translation>测试邮件发往</translation>
    </message>
    <message>
        <source>Test SMS to</source>
        <translation>测试短信发往</translation>
    </message>
    <message>
        <source>address or phone number</source>
        <translation>邮箱地址或手机号</translation>
    </message>
    <message>
        <source>Send a test message</source>
        <translation>发送测试消息</translation>
    </message>
    <message>
        <source>Operator&apos;s notices to</source>
        <translation>运营方通知发送至</translation>
    </message>
    <message>
        <source>e-mail address</source>
        <translation>电子邮箱地址</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>{0} queued · {1} failing · {2} failed · {3} sent</source>
        <translation>{0} 条待发送 · {1} 条出错 · {2} 条已失败 · {3} 条已发送</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Send the chosen unsent messages at the next dispatch, failed ones included</source>
        <translation>在下次发送时重发所选的未发送消息（包括已失败的）</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>立即发送</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>Welcome, {0}</source>
        <translation>欢迎，{0}</translation>
    </message>
    <message>
        <source>You look after the whole coalition.</source>
        <translation>您负责整个联盟。</translation>
    </message>
    <message>
        <source>You look after {0}.</source>
        <translation>您负责 {0}。</translation>
    </message>
    <message>
        <source>Merchants: {0}   Stores: {1}   Terminals: {2}   Members: {3}</source>
        <translation>商户：{0}   门店：{1}   终端：{2}   会员：{3}</translation>
    </message>
</context>
<context>
    <name>Partners</name>
    <message>
        <source>Bank stored value</source>
        <translation>银行储值</translation>
    </message>
    <message>
        <source>Insurance premium</source>
        <translation>保险保费</translation>
    </message>
    <message>
        <source>waiting for the partner</source>
        <translation>等待合作方答复</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>refused, points given back</source>
        <translation>已拒绝，积分已退回</translation>
    </message>
    <message>
        <source>Change partner</source>
        <translation>修改合作方</translation>
    </message>
    <message>
        <source>New partner</source>
        <translation>新建合作方</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Accept on delivery (no response file)</source>
        <translation>送达即接受（无需回复文件）</translation>
    </message>
    <message>
        <source>Members may convert to this partner</source>
        <translation>会员可向此合作方转换积分</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Cents credited for 100 points</source>
        <translation>每 100 积分折算（分）</translation>
    </message>
    <message>
        <source>Exchange folder</source>
        <translation>交换文件夹</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Cents per 100 points</source>
        <translation>每 100 积分（分）</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>合作方</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Partner reference</source>
        <translation>合作方流水号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Conversions</source>
        <translation>转换记录</translation>
    </message>
    <message>
        <source>Owed to the partner</source>
        <translation>应付合作方</translation>
    </message>
    <message>
        <source>Whose points</source>
        <translation>积分发行商户</translation>
    </message>
    <message>
        <source>= {0} to the partner (rounded down to the cent)</source>
        <translation>= 向合作方转入 {0}（按分向下取整）</translation>
    </message>
    <message>
        <source>{0} points → {1}: {2}.</source>
        <translation>{0} 积分 → {1}：{2}。</translation>
    </message>
    <message>
        <source>Partners answered {0} conversion(s).</source>
        <translation>合作方已答复 {0} 笔转换。</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>合作方</translation>
    </message>
    <message>
        <source>Settlement with partners</source>
        <translation>与合作方结算</translation>
    </message>
    <message>
        <source>New partner…</source>
        <translation>新建合作方…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Convert a member&apos;s points</source>
        <translation>为会员转换积分</translation>
    </message>
    <message>
        <source>Account or policy number</source>
        <translation>账号或保单号</translation>
    </message>
    <message>
        <source>number, card or phone</source>
        <translation>会员号、卡号或手机号</translation>
    </message>
    <message>
        <source>Convert</source>
        <translation>转换</translation>
    </message>
    <message>
        <source>Ask the partners again</source>
        <translation>再次查询合作方答复</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>until (not included)</source>
        <translation>至（不含）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Finish or cancel the payment before scanning more items.</source>
        <translation>请先完成或取消收款，再扫描其他商品。</translation>
    </message>
    <message>
        <source>Enough tendered: complete the payment.</source>
        <translation>金额已足，请完成收款。</translation>
    </message>
    <message>
        <source>Cash handed over (to pay {0})</source>
        <translation>顾客付现金（应付 {0}）</translation>
    </message>
    <message>
        <source>Still to pay: {0}</source>
        <translation>还需支付：{0}</translation>
    </message>
    <message>
        <source>Exact {0}</source>
        <translation>刚好 {0}</translation>
    </message>
    <message>
        <source>{0} points = {1}</source>
        <translation>{0} 积分 = {1}</translation>
    </message>
    <message>
        <source>{0}  {1}  (approval {2})</source>
        <translation>{0}  {1}  （授权码 {2}）</translation>
    </message>
    <message>
        <source>{0}  {1}  (payment {2})</source>
        <translation>{0}  {1}  （支付单号 {2}）</translation>
    </message>
    <message>
        <source>{0}  {1}  ({2} points)</source>
        <translation>{0}  {1}  （{2} 积分）</translation>
    </message>
    <message>
        <source>Enter the amount charged on the card terminal.</source>
        <translation>请输入刷卡终端上的扣款金额。</translation>
    </message>
    <message>
        <source>The card cannot pay more than {0}.</source>
        <translation>刷卡金额不能超过 {0}。</translation>
    </message>
    <message>
        <source>Enter the approval code printed by the card terminal.</source>
        <translation>请输入刷卡终端打印的授权码。</translation>
    </message>
    <message>
        <source>Identify the member before paying with points.</source>
        <translation>使用积分支付前请先识别会员。</translation>
    </message>
    <message>
        <source>The member holds only {0} points.</source>
        <translation>会员只有 {0} 积分。</translation>
    </message>
    <message>
        <source>At most {0} points can be used on this sale.</source>
        <translation>本单最多可用 {0} 积分。</translation>
    </message>
    <message>
        <source>The wallet can pay between {0} and {1}.</source>
        <translation>钱包支付金额须在 {0} 至 {1} 之间。</translation>
    </message>
    <message>
        <source>Scan the payment code on the customer&apos;s phone.</source>
        <translation>请扫描顾客手机上的付款码。</translation>
    </message>
    <message>
        <source>This member has no coupons to use.</source>
        <translation>该会员没有可用的优惠券。</translation>
    </message>
    <message>
        <source>Identify the member to see their coupons.</source>
        <translation>请先识别会员，再查看其优惠券。</translation>
    </message>
    <message>
        <source>Identify the member to use their coupons.</source>
        <translation>请先识别会员才能使用其优惠券。</translation>
    </message>
    <message>
        <source>This coupon is already on the payment.</source>
        <translation>此优惠券已在本次付款中。</translation>
    </message>
    <message>
        <source>Nothing is left to pay.</source>
        <translation>已无待付金额。</translation>
    </message>
    <message>
        <source>A wallet payment was taken from the customer: complete the sale, or refund it with the payment provider.</source>
        <translation>已从顾客钱包扣款：请完成本笔销售，或通过支付服务商退款。</translation>
    </message>
    <message>
        <source>A wallet payment was taken from the customer. Press Cancel again to leave it unused (refund it with the payment provider).</source>
        <translation>已从顾客钱包扣款。再按一次“取消”将不使用该笔付款（请通过支付服务商退款）。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>NOT PAID — the database cannot be reached, nothing was saved. The cart is kept: try again (the customer will not be charged twice).</source>
        <translation>未付款 — 无法连接数据库，未保存任何数据。购物车已保留：请重试（不会重复收费）。</translation>
    </message>
    <message>
        <source>NOT PAID — {0}. Check that receipt: if this cart is another sale, choose “Sell as a new sale”.</source>
        <translation>未付款 — {0}。请核对该小票：如本购物车是另一笔销售，请选择“作为新销售”。</translation>
    </message>
    <message>
        <source>This cart will be saved as a new sale.</source>
        <translation>本购物车将保存为一笔新销售。</translation>
    </message>
    <message>
        <source>The manager&apos;s approvals were for the earlier sale: cancel, and apply the discounts and price changes again with the manager&apos;s PIN.</source>
        <translation>经理的审批属于之前那笔销售：请取消收款，重新设置折扣和改价并由经理输入密码批准。</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Total due</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Remove selected payment</source>
        <translation>删除选中的付款</translation>
    </message>
    <message>
        <source>Cash (F1)</source>
        <translation>现金 (F1)</translation>
    </message>
    <message>
        <source>Card (F2)</source>
        <translation>银行卡 (F2)</translation>
    </message>
    <message>
        <source>Points (F3)</source>
        <translation>积分 (F3)</translation>
    </message>
    <message>
        <source>QR pay (F4)</source>
        <translation>扫码付 (F4)</translation>
    </message>
    <message>
        <source>Coupon (F5)</source>
        <translation>优惠券 (F5)</translation>
    </message>
    <message>
        <source>Scan the payment code on the customer&apos;s phone; the wallet is charged at once.</source>
        <translation>扫描顾客手机上的付款码，钱包将立即扣款。</translation>
    </message>
    <message>
        <source>Amount to charge</source>
        <translation>扣款金额</translation>
    </message>
    <message>
        <source>Customer&apos;s payment code</source>
        <translation>顾客付款码</translation>
    </message>
    <message>
        <source>Charge wallet</source>
        <translation>钱包扣款</translation>
    </message>
    <message>
        <source>Use coupon</source>
        <translation>使用优惠券</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>优惠券码</translation>
    </message>
    <message>
        <source>Charge the amount on the card terminal; when it approves, type the approval code it prints.</source>
        <translation>在刷卡终端上扣款；交易成功后输入终端打印的授权码。</translation>
    </message>
    <message>
        <source>Amount charged</source>
        <translation>扣款金额</translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation>授权码</translation>
    </message>
    <message>
        <source>Add card payment</source>
        <translation>添加刷卡付款</translation>
    </message>
    <message>
        <source>{0} holds {1} points; {2} points are worth {3}.</source>
        <translation>{0} 有 {1} 积分；每 {2} 积分可抵 {3}。</translation>
    </message>
    <message>
        <source>Identify the member to pay with points.</source>
        <translation>识别会员后可用积分支付。</translation>
    </message>
    <message>
        <source>Use points</source>
        <translation>使用积分</translation>
    </message>
    <message>
        <source>Complete payment (Enter)</source>
        <translation>完成收款 (Enter)</translation>
    </message>
    <message>
        <source>Sell as a new sale</source>
        <translation>作为新销售</translation>
    </message>
    <message>
        <source>Member wallet  {0}</source>
        <translation>会员储值  {0}</translation>
    </message>
    <message>
        <source>Identify the member before paying from their wallet.</source>
        <translation>请先识别会员，再使用储值钱包付款。</translation>
    </message>
    <message>
        <source>The member&apos;s wallet holds only {0}.</source>
        <translation>会员钱包余额只有 {0}。</translation>
    </message>
    <message>
        <source>The wallet cannot pay more than {0}.</source>
        <translation>钱包最多可付 {0}。</translation>
    </message>
    <message>
        <source>Wallet (F6)</source>
        <translation>储值钱包 (F6)</translation>
    </message>
    <message>
        <source>Amount from the wallet</source>
        <translation>钱包支付金额</translation>
    </message>
    <message>
        <source>Use wallet</source>
        <translation>使用钱包余额</translation>
    </message>
    <message>
        <source>{0}&apos;s wallet holds {1} (points converted into money); it pays at any merchant of the coalition.</source>
        <translation>{0} 的钱包余额为 {1}（由积分转换而来），可在联盟内任一商户使用。</translation>
    </message>
    <message>
        <source>Identify the member to pay from their wallet.</source>
        <translation>识别会员后可使用其储值钱包付款。</translation>
    </message>
    <message>
        <source>This coupon is for {0}; add it to the sale first.</source>
        <translation>此优惠券仅用于{0}；请先把该商品加入本单。</translation>
    </message>
    <message>
        <source>another product</source>
        <translation>其他商品</translation>
    </message>
    <message>
        <source>Choose, scan or type one of the member&apos;s coupons (hyphens and case do not matter); it pays its own value or takes it off its product.</source>
        <translation>选择、扫描或输入会员的优惠券（连字符和大小写均可）；优惠券按其面值付款，或直接抵扣对应商品。</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation>密码为 4 到 8 位数字。</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>经理审批</translation>
    </message>
    <message>
        <source>A manager enters their PIN to approve.</source>
        <translation>请经理输入密码批准。</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>经理密码</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
</context>
<context>
    <name>PointCodeDialogs</name>
    <message>
        <source>No question</source>
        <translation>不提问</translation>
    </message>
    <message>
        <source>Single choice</source>
        <translation>单选题</translation>
    </message>
    <message>
        <source>Rating, 1 to 5 stars</source>
        <translation>评分（1 至 5 星）</translation>
    </message>
    <message>
        <source>Free text</source>
        <translation>自由填写</translation>
    </message>
    <message>
        <source>Generate a batch of point codes</source>
        <translation>生成一批积分码</translation>
    </message>
    <message>
        <source>Generate a batch of point codes: one signed code per unit of the product, printed on its label.</source>
        <translation>生成一批积分码：商品每件一个签名码，印在其标签上。</translation>
    </message>
    <message>
        <source>Find product:</source>
        <translation>查找商品：</translation>
    </message>
    <message>
        <source>Product:</source>
        <translation>商品：</translation>
    </message>
    <message>
        <source>Number of codes:</source>
        <translation>积分码数量：</translation>
    </message>
    <message>
        <source>Points per code:</source>
        <translation>每码积分：</translation>
    </message>
    <message>
        <source>Follow-up question:</source>
        <translation>后续问题：</translation>
    </message>
    <message>
        <source>Question (中文):</source>
        <translation>问题（中文）：</translation>
    </message>
    <message>
        <source>Question (English):</source>
        <translation>问题（英文）：</translation>
    </message>
    <message>
        <source>Answers, one per line
(中文 | English):</source>
        <translation>答案，每行一个
（中文 | English）：</translation>
    </message>
    <message>
        <source>Feedback reward (points):</source>
        <translation>回答奖励（积分）：</translation>
    </message>
    <message>
        <source>Name, SKU or pinyin initials, then Enter</source>
        <translation>名称、货号或拼音首字母，然后按回车</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>No product matches</source>
        <translation>没有匹配的商品</translation>
    </message>
    <message>
        <source>Choose a product first (type part of its name and press Enter).</source>
        <translation>请先选择商品（输入名称的一部分并按回车）。</translation>
    </message>
    <message>
        <source>A4, {0} × {1} = {2} labels of {3} × {4} mm</source>
        <translation>A4，{0} × {1} = {2} 张 {3} × {4} 毫米标签</translation>
    </message>
    <message>
        <source>Print labels</source>
        <translation>打印标签</translation>
    </message>
    <message>
        <source>Labels of batch {0}: {1}, {2} codes of {3} points.</source>
        <translation>第 {0} 批标签：{1}，{2} 个积分码，每码 {3} 积分。</translation>
    </message>
    <message>
        <source>Label stock:</source>
        <translation>标签纸：</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{0} sheets of {1} labels</source>
        <translation>共 {0} 页，每页 {1} 张标签</translation>
    </message>
    <message>
        <source>Save labels as PDF</source>
        <translation>将标签保存为 PDF</translation>
    </message>
    <message>
        <source>Labels saved to {0}.</source>
        <translation>标签已保存到 {0}。</translation>
    </message>
    <message>
        <source>Guide linkage rule</source>
        <translation>导购关联规则</translation>
    </message>
    <message>
        <source>What a shopping guide earns when a member redeems a unit the guide marked.</source>
        <translation>会员兑换导购标记的商品时，导购获得的积分。</translation>
    </message>
    <message>
        <source>Merchant:</source>
        <translation>商户：</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>规则：</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>数值：</translation>
    </message>
    <message>
        <source>Fixed points per unit</source>
        <translation>每件固定积分</translation>
    </message>
    <message>
        <source>Share of the code&apos;s points</source>
        <translation>按积分码积分的比例</translation>
    </message>
    <message>
        <source>In basis points: 1000 ‱ = 10 % of the code&apos;s points, rounded down.</source>
        <translation>以万分比计：1000 ‱ = 积分码积分的 10%，向下取整。</translation>
    </message>
    <message>
        <source>Points credited to the guide per redeemed unit (0: none).</source>
        <translation>每兑换一件记给导购的积分（0：不记）。</translation>
    </message>
</context>
<context>
    <name>PointCodesPage</name>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>已生成</translation>
    </message>
    <message>
        <source>Marked</source>
        <translation>已标记</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>已兑换</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>后续问题</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>导购</translation>
    </message>
    <message>
        <source>Units marked</source>
        <translation>已标记件数</translation>
    </message>
    <message>
        <source>Units redeemed</source>
        <translation>已兑换件数</translation>
    </message>
    <message>
        <source>Linked points</source>
        <translation>关联积分</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Select a batch to see its feedback answers.</source>
        <translation>选择一个批次以查看其反馈回答。</translation>
    </message>
    <message>
        <source>Batch {0} asks no follow-up question.</source>
        <translation>第 {0} 批没有后续问题。</translation>
    </message>
    <message>
        <source>Batch {0}: “{1}” — {2} answers</source>
        <translation>第 {0} 批：“{1}” — {2} 条回答</translation>
    </message>
    <message>
        <source>Batch {0}: {1} codes for {2} generated.</source>
        <translation>第 {0} 批：已为 {2} 生成 {1} 个积分码。</translation>
    </message>
    <message>
        <source>Void batch</source>
        <translation>作废批次</translation>
    </message>
    <message>
        <source>Void batch {0} ({1})? Its {2} codes not yet redeemed stop working at once; this cannot be undone.</source>
        <translation>作废第 {0} 批（{1}）？其 {2} 个尚未兑换的积分码将立即失效；此操作无法撤销。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Batch {0} voided.</source>
        <translation>第 {0} 批已作废。</translation>
    </message>
    <message>
        <source>Guide linkage rule saved.</source>
        <translation>导购关联规则已保存。</translation>
    </message>
    <message>
        <source>Point codes</source>
        <translation>积分码</translation>
    </message>
    <message>
        <source>Generate batch…</source>
        <translation>生成批次…</translation>
    </message>
    <message>
        <source>Print labels…</source>
        <translation>打印标签…</translation>
    </message>
    <message>
        <source>Void batch…</source>
        <translation>作废批次…</translation>
    </message>
    <message>
        <source>Guide linkage rule…</source>
        <translation>导购关联规则…</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Guides&apos; board</source>
        <translation>导购排行榜</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Feedback answers</source>
        <translation>反馈回答</translation>
    </message>
</context>
<context>
    <name>PrinterControls</name>
    <message>
        <source>Test print</source>
        <translation>测试打印</translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <source>Sending the test print…</source>
        <translation>正在发送测试打印…</translation>
    </message>
    <message>
        <source>Waiting for the printer — the test print is queued and prints when the printer is ready.</source>
        <translation>等待打印机 — 测试打印已排队，打印机就绪后打印。</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <source>No printer is configured.</source>
        <translation>未配置打印机。</translation>
    </message>
    <message>
        <source>Opening the drawer…</source>
        <translation>正在打开钱箱…</translation>
    </message>
    <message>
        <source>Drawer kick sent</source>
        <translation>已发送开钱箱指令</translation>
    </message>
    <message>
        <source>Drawer did not open: {0}</source>
        <translation>钱箱未打开：{0}</translation>
    </message>
    <message>
        <source>No printer is configured (the drawer opens through it).</source>
        <translation>未配置打印机（钱箱经由打印机打开）。</translation>
    </message>
</context>
<context>
    <name>Refund</name>
    <message>
        <source>Refund {0}: give back {1} ({2}).</source>
        <translation>退货 {0}：退还 {1}（{2}）。</translation>
    </message>
    <message>
        <source>{0} points taken back.</source>
        <translation>扣回 {0} 积分。</translation>
    </message>
    <message>
        <source>{0} deducted for points already spent.</source>
        <translation>因积分已使用扣除 {0}。</translation>
    </message>
    <message>
        <source>{0} back to card (approval {1})</source>
        <translation>{0} 退回银行卡（授权号 {1}）</translation>
    </message>
    <message>
        <source>· refund ref {0}</source>
        <translation>· 退款参考号 {0}</translation>
    </message>
    <message>
        <source>{0} back to the QR wallet</source>
        <translation>{0} 原路退回扫码钱包</translation>
    </message>
    <message>
        <source>{0} in cash</source>
        <translation>{0} 退现金</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{0} points returned to the member.</source>
        <translation>退还会员 {0} 积分。</translation>
    </message>
    <message>
        <source>{0} back to the member&apos;s wallet</source>
        <translation>{0} 退回会员钱包</translation>
    </message>
    <message>
        <source>The coupon is given back to the member and can be used again.</source>
        <translation>优惠券已退还给会员，可再次使用。</translation>
    </message>
    <message>
        <source>{0} coupons are given back to the member and can be used again.</source>
        <translation>{0} 张优惠券已退还给会员，可再次使用。</translation>
    </message>
    <message>
        <source>The coupon&apos;s share {0} is not paid back; the coupon returns when the whole sale is refunded.</source>
        <translation>优惠券抵扣的 {0} 不予退款；整单退货时优惠券将退还给会员。</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Receipt {0} · {1} · {2}</source>
        <translation>小票 {0} · {1} · {2}</translation>
    </message>
    <message>
        <source>Receipt {0} is itself a refund or void.</source>
        <translation>小票 {0} 本身是退货或作废单。</translation>
    </message>
    <message>
        <source>Everything on this sale has already been refunded.</source>
        <translation>这笔交易已全部退货。</translation>
    </message>
    <message>
        <source>Working out where the money goes…</source>
        <translation>正在计算退款去向…</translation>
    </message>
    <message>
        <source>Choose what comes back.</source>
        <translation>请选择要退的商品。</translation>
    </message>
    <message>
        <source>Give back {0}: {1}</source>
        <translation>应退 {0}：{1}</translation>
    </message>
    <message>
        <source>Card {0}: the card terminal&apos;s refund reference</source>
        <translation>银行卡 {0}：刷卡机退款参考号</translation>
    </message>
    <message>
        <source>Refund reference</source>
        <translation>退款参考号</translation>
    </message>
    <message>
        <source>Refund {0}</source>
        <translation>退款 {0}</translation>
    </message>
    <message>
        <source>Receipt {0}</source>
        <translation>小票 {0}</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Refund — scan the receipt or type its number</source>
        <translation>退货 — 扫描小票或输入小票号</translation>
    </message>
    <message>
        <source>Receipt number, e.g. MA-T1-000042</source>
        <translation>小票号，例如 MA-T1-000042</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <source>Refundable</source>
        <translation>可退数量 · 金额</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回数量</translation>
    </message>
    <message>
        <source>Manager&apos;s choice: all in cash</source>
        <translation>店长决定：全部退现金</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部退货</translation>
    </message>
    <message>
        <source>Refund selected</source>
        <translation>退选中商品</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>✓ valid mobile number</source>
        <translation>✓ 手机号有效</translation>
    </message>
    <message>
        <source>Enter a valid 11-digit mobile number.</source>
        <translation>请输入有效的 11 位手机号。</translation>
    </message>
    <message>
        <source>The member must agree to the membership terms.</source>
        <translation>会员须同意会员条款。</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>Register a new member</source>
        <translation>注册新会员</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>Swipe a new card (optional)</source>
        <translation>刷一张新卡（可选）</translation>
    </message>
    <message>
        <source>The member agrees to the membership terms and the privacy notice</source>
        <translation>会员同意会员条款和隐私声明</translation>
    </message>
    <message>
        <source>The member agrees to receive offers by SMS and app (optional)</source>
        <translation>会员同意通过短信和 App 接收优惠信息（可选）</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>注册</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Z report {0} — shift closed</source>
        <translation>Z 报表 {0} — 班次已结束</translation>
    </message>
    <message>
        <source>X report — shift so far</source>
        <translation>X 报表 — 本班次至今</translation>
    </message>
    <message>
        <source>Net sales {0} · {1} transactions · cash expected {2}</source>
        <translation>净销售额 {0} · {1} 笔交易 · 应有现金 {2}</translation>
    </message>
    <message>
        <source>Counted {0} · difference {1}</source>
        <translation>实点 {0} · 差额 {1}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Points issued and redeemed per week</source>
        <translation>每周积分发放与兑换</translation>
    </message>
    <message>
        <source>Outstanding liability by issuer</source>
        <translation>各发放商户的未兑积分负债</translation>
    </message>
    <message>
        <source>Breakage per merchant</source>
        <translation>各商户过期积分</translation>
    </message>
    <message>
        <source>Top members by open points</source>
        <translation>持有积分最多的会员</translation>
    </message>
    <message>
        <source>Week from</source>
        <translation>周起始日</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Open points</source>
        <translation>未用积分</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <source>Expired points</source>
        <translation>过期积分</translation>
    </message>
    <message>
        <source>Member number</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <source>Whole coalition</source>
        <translation>整个联盟</translation>
    </message>
    <message>
        <source>Merchant: {0}</source>
        <translation>商户：{0}</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>redeemed</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Weeks</source>
        <translation>周数(&amp;W)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
</context>
<context>
    <name>Rewards</name>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Points converted</source>
        <translation>积分转入</translation>
    </message>
    <message>
        <source>Paid at a till</source>
        <translation>收银台消费</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>退款退回</translation>
    </message>
    <message>
        <source>Change reward</source>
        <translation>修改兑换品</translation>
    </message>
    <message>
        <source>New reward</source>
        <translation>新建兑换品</translation>
    </message>
    <message>
        <source>Unlimited stock</source>
        <translation>不限库存</translation>
    </message>
    <message>
        <source>Available to members</source>
        <translation>会员可兑换</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Price in points</source>
        <translation>所需积分</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Available from</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Available until</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Coupon offer</source>
        <translation>发放的优惠活动</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Redeem for a member</source>
        <translation>为会员兑换</translation>
    </message>
    <message>
        <source>{0} for {1} points</source>
        <translation>{0}，{1} 积分</translation>
    </message>
    <message>
        <source>number, card or phone</source>
        <translation>会员号、卡号或手机号</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>兑换品</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>= {0} into the wallet (rounded down to the cent)</source>
        <translation>= 转入钱包 {0}（按分向下取整）</translation>
    </message>
    <message>
        <source>{0} points converted into {1}; the wallet holds {2}.</source>
        <translation>{0} 积分已转换为 {1}；钱包余额 {2}。</translation>
    </message>
    <message>
        <source>Conversion rate saved.</source>
        <translation>兑换比例已保存。</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Convert points into wallet money</source>
        <translation>积分转入储值钱包</translation>
    </message>
    <message>
        <source>Convert</source>
        <translation>转换</translation>
    </message>
    <message>
        <source>Conversion rate (whole coalition)</source>
        <translation>兑换比例（全联盟）</translation>
    </message>
    <message>
        <source>Cents credited for 100 points</source>
        <translation>每 100 积分折算（分）</translation>
    </message>
    <message>
        <source>Save rate</source>
        <translation>保存比例</translation>
    </message>
    <message>
        <source>{0} ({1}): {2} points, wallet {3}; 100 points convert into {4}.</source>
        <translation>{0}（{1}）：积分 {2}，钱包余额 {3}；每 100 积分可转换为 {4}。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可兑换</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>已兑换</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>下架</translation>
    </message>
    <message>
        <source>Make available</source>
        <translation>上架</translation>
    </message>
    <message>
        <source>Redeemed for {0} points; the member now holds {1}.</source>
        <translation>已用 {0} 积分兑换；会员现有 {1} 积分。</translation>
    </message>
    <message>
        <source>Coupon code: {0}</source>
        <translation>优惠券码：{0}</translation>
    </message>
    <message>
        <source>Rewards catalogue</source>
        <translation>积分兑换品</translation>
    </message>
    <message>
        <source>Stored-value wallet</source>
        <translation>储值钱包</translation>
    </message>
    <message>
        <source>New reward…</source>
        <translation>新建兑换品…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Redeem for a member…</source>
        <translation>为会员兑换…</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>The devices could not start: {0}</source>
        <translation>设备无法启动：{0}</translation>
    </message>
</context>
<context>
    <name>RuleDialogs</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>all day</source>
        <translation>全天</translation>
    </message>
    <message>
        <source>Edit points rule</source>
        <translation>编辑积分规则</translation>
    </message>
    <message>
        <source>New points rule</source>
        <translation>新建积分规则</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用于</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>积分率</translation>
    </message>
    <message>
        <source>Bonus points per unit</source>
        <translation>每件奖励积分</translation>
    </message>
    <message>
        <source>Its own rate instead of the base rate</source>
        <translation>使用自己的积分率（代替基础积分率）</translation>
    </message>
    <message>
        <source>points per ¥</source>
        <translation>分 / 每 ¥</translation>
    </message>
    <message>
        <source>Edit promotion</source>
        <translation>编辑促销</translation>
    </message>
    <message>
        <source>New promotion</source>
        <translation>新建促销</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Points multiplier</source>
        <translation>积分倍率</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>until</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Days and hours are each store&apos;s own clock. 200 % doubles the points. Until 00:00 means to the end of the day.</source>
        <translation>日期和时段均按各门店当地时间。200 % 即双倍积分。结束时间 00:00 表示到当天结束。</translation>
    </message>
</context>
<context>
    <name>ScaleControls</name>
    <message>
        <source>Zero</source>
        <translation>置零</translation>
    </message>
    <message>
        <source>Tare</source>
        <translation>去皮</translation>
    </message>
    <message>
        <source>no reading</source>
        <translation>无读数</translation>
    </message>
    <message>
        <source>overload</source>
        <translation>超载</translation>
    </message>
    <message>
        <source>~ motion</source>
        <translation>~ 晃动</translation>
    </message>
    <message>
        <source>● stable</source>
        <translation>● 稳定</translation>
    </message>
    <message>
        <source>This scale&apos;s protocol has no zero/tare command: use the buttons on the scale.</source>
        <translation>此秤的协议不支持置零/去皮指令：请使用秤上的按键。</translation>
    </message>
    <message>
        <source>Zeroing…</source>
        <translation>正在置零…</translation>
    </message>
    <message>
        <source>Taring…</source>
        <translation>正在去皮…</translation>
    </message>
    <message>
        <source>Zeroed</source>
        <translation>已置零</translation>
    </message>
    <message>
        <source>Tared</source>
        <translation>已去皮</translation>
    </message>
    <message>
        <source>Tare cleared</source>
        <translation>已清除皮重</translation>
    </message>
    <message>
        <source>The scale did not accept zero</source>
        <translation>秤未接受置零</translation>
    </message>
    <message>
        <source>The scale did not accept tare</source>
        <translation>秤未接受去皮</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <source>by weight</source>
        <translation>称重</translation>
    </message>
    <message>
        <source>by the piece</source>
        <translation>按件</translation>
    </message>
    <message>
        <source>Searching “{0}”…</source>
        <translation>正在搜索“{0}”…</translation>
    </message>
    <message>
        <source>{0} result(s) for “{1}” — tap one, or ↓ and Enter</source>
        <translation>“{1}”共 {0} 个结果 — 点选，或按 ↓ 再按 Enter</translation>
    </message>
    <message>
        <source>Nothing found for “{0}”.</source>
        <translation>没有找到“{0}”。</translation>
    </message>
    <message>
        <source>Type a name, pinyin initials (e.g. kkkl) or a code above and press Enter.</source>
        <translation>在上方输入名称、拼音首字母（如 kkkl）或编码，然后按 Enter。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The sale in progress before the restart had already been paid (receipt {0}); the cart was cleared.</source>
        <translation>重启前进行中的交易已付款（小票 {0}）；购物车已清空。</translation>
    </message>
    <message>
        <source>The restored cart is shown at today&apos;s prices.</source>
        <translation>恢复的购物车已按今日价格显示。</translation>
    </message>
    <message>
        <source>The database is reachable again.</source>
        <translation>数据库已恢复连接。</translation>
    </message>
    <message>
        <source>Bank cards are paid on the card terminal: choose Card in the payment window.</source>
        <translation>银行卡请在刷卡终端支付：在收款窗口选择“银行卡”。</translation>
    </message>
    <message>
        <source>This card is not a member card.</source>
        <translation>这不是会员卡。</translation>
    </message>
    <message>
        <source>A payment is in progress; wait for it to finish.</source>
        <translation>正在收款，请稍候。</translation>
    </message>
    <message>
        <source>The till is still connecting to the database.</source>
        <translation>收银台正在连接数据库。</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>The receipt was not printed ({0}). The sale is saved: reprint it from the history.</source>
        <translation>小票未打印（{0}）。交易已保存：可在销售记录中重打。</translation>
    </message>
    <message>
        <source>Member {0} identified.</source>
        <translation>已识别会员 {0}。</translation>
    </message>
    <message>
        <source>The cart is empty.</source>
        <translation>购物车是空的。</translation>
    </message>
    <message>
        <source>Discounts and price changes need the manager&apos;s approval again.</source>
        <translation>折扣和改价需要经理重新批准。</translation>
    </message>
    <message>
        <source>no printer</source>
        <translation>未配置打印机</translation>
    </message>
    <message>
        <source>The receipt cannot be printed:</source>
        <translation>小票无法打印：</translation>
    </message>
    <message>
        <source>No receipt printer is set up on this till; the sale is saved.</source>
        <translation>本收银台未设置小票打印机；交易已保存。</translation>
    </message>
    <message>
        <source>This is a product&apos;s point code: identify the member first, then scan it again to credit its points.</source>
        <translation>这是商品积分码：请先识别会员，再扫一次以记入积分。</translation>
    </message>
    <message>
        <source>This member already received the points of this code ({0}).</source>
        <translation>该会员已领取过这个积分码的积分（{0}）。</translation>
    </message>
    <message>
        <source>+{0} points for {1} credited to the member (balance {2}).</source>
        <translation>{1} 的 +{0} 积分已记入会员账户（余额 {2}）。</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>(no settings in the configuration)</source>
        <translation>（配置中没有设置项）</translation>
    </message>
</context>
<context>
    <name>SettlementPage</name>
    <message>
        <source>{0} is owed {2} by {1}</source>
        <translation>{0} 应收 {1} {2}</translation>
    </message>
    <message>
        <source>{0} owes {1} {2}</source>
        <translation>{0} 应付 {1} {2}</translation>
    </message>
    <message>
        <source>square</source>
        <translation>两清</translation>
    </message>
    <message>
        <source>The period is settled (run {0}).</source>
        <translation>该期间已结算（批次 {0}）。</translation>
    </message>
    <message>
        <source>The period was already settled (run {0}); nothing changed.</source>
        <translation>该期间此前已结算（批次 {0}），未作任何更改。</translation>
    </message>
    <message>
        <source>Save the statement in</source>
        <translation>对账单保存到</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>To settle</source>
        <translation>待结算</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>已结算</translation>
    </message>
    <message>
        <source>Settled (run {0})</source>
        <translation>已结算（批次 {0}）</translation>
    </message>
    <message>
        <source>This period is still open.</source>
        <translation>该期间尚未结束。</translation>
    </message>
    <message>
        <source>This period has not been settled yet.</source>
        <translation>该期间尚未结算。</translation>
    </message>
    <message>
        <source>No points crossed between merchants in this period.</source>
        <translation>本期间没有跨商户使用的积分。</translation>
    </message>
    <message>
        <source>Net for the period: {0} is owed {1}.</source>
        <translation>本期净额：{0} 应收 {1}。</translation>
    </message>
    <message>
        <source>Net for the period: {0} owes {1}.</source>
        <translation>本期净额：{0} 应付 {1}。</translation>
    </message>
    <message>
        <source>Net for the period: nothing owed either way.</source>
        <translation>本期净额：双方两清。</translation>
    </message>
    <message>
        <source>Each merchant is owed for the other merchants&apos; points spent at it and owes for its own points spent elsewhere, at the coalition&apos;s point value. Periods: {0}, from local midnight in {1}. Double-click a line to see the entries behind it.</source>
        <translation>其他商户发放、在本商户使用的积分，本商户应收；本商户发放、在其他商户使用的积分，本商户应付；按联盟积分价值折算。结算期间：{0}，以 {1} 当地零点为界。双击一行可查看其背后的每笔记录。</translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>结算期间</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Settle the selected period</source>
        <translation>结算所选期间</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>对账单</translation>
    </message>
    <message>
        <source>&amp;Merchant</source>
        <translation>商户(&amp;M)</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>对方商户</translation>
    </message>
    <message>
        <source>Points in</source>
        <translation>收入积分</translation>
    </message>
    <message>
        <source>Points out</source>
        <translation>付出积分</translation>
    </message>
    <message>
        <source>Net points</source>
        <translation>净积分</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Who pays whom</source>
        <translation>收付说明</translation>
    </message>
    <message>
        <source>Show the entries…</source>
        <translation>查看明细…</translation>
    </message>
    <message>
        <source>Save PDF and CSV…</source>
        <translation>保存 PDF 和 CSV…</translation>
    </message>
    <message>
        <source>Save every statement…</source>
        <translation>保存全部对账单…</translation>
    </message>
    <message>
        <source>Entries: {0} and {1}</source>
        <translation>明细：{0} 与 {1}</translation>
    </message>
    <message>
        <source>{0} points of {1} spent at {2}; {3} points of {2} spent at {1}.</source>
        <translation>{1} 的 {0} 积分在 {2} 使用；{2} 的 {3} 积分在 {1} 使用。</translation>
    </message>
    <message>
        <source>Showing the first {0} of {1} entries.</source>
        <translation>显示 {1} 笔中的前 {0} 笔。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>发放商户</translation>
    </message>
    <message>
        <source>Accepted by</source>
        <translation>使用商户</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Transfer key</source>
        <translation>转账键</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Still connecting to the database…</source>
        <translation>正在连接数据库…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign in to the till</source>
        <translation>登录收银台</translation>
    </message>
    <message>
        <source>Staff code</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>StaffDialogs</name>
    <message>
        <source>The two PINs differ; type the new PIN twice.</source>
        <translation>两次输入的密码不一致，请重新输入两次。</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Add a staff member</source>
        <translation>新增员工</translation>
    </message>
    <message>
        <source>Staff code</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>First PIN</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <source>First PIN again</source>
        <translation>再次输入初始密码</translation>
    </message>
    <message>
        <source>4 to 8 digits</source>
        <translation>4 至 8 位数字</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Change the role of {0} ({1})</source>
        <translation>更改 {0}（{1}）的角色</translation>
    </message>
    <message>
        <source>Reset PIN</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Set a new PIN for {0} ({1}).</source>
        <translation>为 {0}（{1}）设置新密码。</translation>
    </message>
    <message>
        <source>A manager of the merchant approves with their PIN.</source>
        <translation>需由该商户的店长输入密码批准。</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>再次输入新密码</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Locked until {0}</source>
        <translation>锁定至 {0}</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Coalition</source>
        <translation>联盟</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Wrong PINs</source>
        <translation>密码错误次数</translation>
    </message>
    <message>
        <source>Lock-out</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>All merchants</source>
        <translation>全部商户</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Merchant:</source>
        <translation>商户：</translation>
    </message>
    <message>
        <source>Add staff…</source>
        <translation>新增员工…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Reset PIN…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Database: online</source>
        <translation>数据库：在线</translation>
    </message>
    <message>
        <source>DATABASE OFFLINE — sales cannot be saved</source>
        <translation>数据库离线 — 无法保存交易</translation>
    </message>
    <message>
        <source>Scale {0} kg</source>
        <translation>秤 {0} kg</translation>
    </message>
</context>
<context>
    <name>StatusPill</name>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>error</source>
        <translation>故障</translation>
    </message>
</context>
<context>
    <name>StoreDialog</name>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Register a store of {0}</source>
        <translation>为 {0} 登记门店</translation>
    </message>
    <message>
        <source>Edit store {0}</source>
        <translation>编辑门店 {0}</translation>
    </message>
    <message>
        <source>Store code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Region (city code)</source>
        <translation>地区（城市代码）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>empty: the merchant&apos;s city ({0})</source>
        <translation>留空：使用商户所在城市（{0}）</translation>
    </message>
</context>
<context>
    <name>Tenders</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>QR pay</source>
        <translation>扫码支付</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>储值钱包</translation>
    </message>
</context>
<context>
    <name>TerminalDialog</name>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Register a terminal at {0}</source>
        <translation>在 {0} 登记终端</translation>
    </message>
    <message>
        <source>Edit terminal {0}</source>
        <translation>编辑终端 {0}</translation>
    </message>
    <message>
        <source>Terminal code</source>
        <translation>终端编码</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
</context>
<context>
    <name>Tiers</name>
    <message>
        <source>Standard</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>银卡</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>金卡</translation>
    </message>
    <message>
        <source>Platinum</source>
        <translation>白金卡</translation>
    </message>
    <message>
        <source>Edit tier</source>
        <translation>编辑等级</translation>
    </message>
    <message>
        <source>New tier</source>
        <translation>新建等级</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Points earned to reach it</source>
        <translation>达到所需积分</translation>
    </message>
    <message>
        <source>the daily evaluation</source>
        <translation>每日自动评定</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Delete tier “{0}”?</source>
        <translation>删除等级“{0}”？</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>正在评定…</translation>
    </message>
    <message>
        <source>{0} members evaluated: {1} upgrades, {2} downgrades</source>
        <translation>已评定 {0} 位会员：升级 {1} 位，降级 {2} 位</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>A member holds the highest tier whose threshold their points earned reach. Points earned = points awarded for purchases in the window, minus the points refunds took back in the window. Points from codes, rewards or adjustments, points spent and points expired do not count. Members are evaluated once a day and whenever you press “Evaluate now”; every change is recorded and the member gets a message.</source>
        <translation>会员获得其累计积分所达到的最高等级。累计积分 = 统计周期内消费所得积分，减去周期内退货收回的积分。积分码、奖励或调整所得积分，以及已使用、已过期的积分均不计入。每天自动评定一次，也可随时点击“立即评定”；每次变更都会记录，并通知会员。</translation>
    </message>
    <message>
        <source>Rolling window (days)</source>
        <translation>统计周期（天）</translation>
    </message>
    <message>
        <source>Save window</source>
        <translation>保存周期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员数</translation>
    </message>
    <message>
        <source>New tier…</source>
        <translation>新建等级…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Evaluate now</source>
        <translation>立即评定</translation>
    </message>
    <message>
        <source>Latest tier changes</source>
        <translation>最近的等级变更</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Member no.</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>累计积分</translation>
    </message>
    <message>
        <source>Evaluated by</source>
        <translation>评定人</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Cashier: {0}</source>
        <translation>收银员：{0}</translation>
    </message>
    <message>
        <source>Shift #{0}</source>
        <translation>班次 #{0}</translation>
    </message>
    <message>
        <source>No shift open</source>
        <translation>未开班</translation>
    </message>
    <message>
        <source>History (F8)</source>
        <translation>销售记录 (F8)</translation>
    </message>
    <message>
        <source>Refund (F9)</source>
        <translation>退货 (F9)</translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Switch the language</source>
        <translation>切换语言</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Sign out; the cart is kept (Ctrl+L)</source>
        <translation>退出登录；购物车保留 (Ctrl+L)</translation>
    </message>
    <message>
        <source>X report (shift so far)</source>
        <translation>X 报表（本班次至今）</translation>
    </message>
    <message>
        <source>Close shift (count and Z report)</source>
        <translation>交班（清点钱箱并打印 Z 报表）</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Devices (manager)…</source>
        <translation>设备（经理）…</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>Pay  {0}</source>
        <translation>收款  {0}</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Incl. tax</source>
        <translation>含税</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Cart discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Void cart</source>
        <translation>整单作废</translation>
    </message>
    <message>
        <source>Take payment (F12)</source>
        <translation>收款 (F12)</translation>
    </message>
</context>
<context>
    <name>WeighDialog</name>
    <message>
        <source>Put the item on the scale.</source>
        <translation>请把商品放到秤上。</translation>
    </message>
    <message>
        <source>Waiting for the scale to settle…</source>
        <translation>等待秤读数稳定…</translation>
    </message>
    <message>
        <source>Stable.</source>
        <translation>已稳定。</translation>
    </message>
    <message>
        <source>Weigh</source>
        <translation>称重</translation>
    </message>
    <message>
        <source>Weigh: {0}</source>
        <translation>称重：{0}</translation>
    </message>
    <message>
        <source>{0} per kg</source>
        <translation>每公斤 {0}</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>加入</translation>
    </message>
</context>
</TS>
