// 责任调查: an auditor or district admin picks an enterprise or a town and a period, opens an investigation, reads the
// timeline of every step with its actor, signature and ledger standing, and downloads the offline evidence bundle.
(function () {
  'use strict';
  const ROLE = { EnterpriseUser: '企业用户', TownSupervisor: '街镇监管', ThirdPartyInspector: '第三方检查', DepartmentOfficer: '职能部门', DistrictAdmin: '区级管理', Auditor: '审计' };
  const LEDGER = { verified: '已验证', unsealed: '待封存', broken: '异常' };
  const $ = (s) => document.querySelector(s);
  const token = () => sessionStorage.getItem('anjiaxing.token');
  let current = null;

  async function api(path, options = {}) {
    const res = await fetch(path, { ...options, headers: { Authorization: 'Bearer ' + token(), ...(options.headers || {}) } });
    if (res.status === 401) { signOut(); throw new Error('请重新登录'); }
    if (!res.ok) {
      let detail = path + ' → ' + res.status;
      try {
        const problem = await res.json();
        detail = problem.errors ? Object.values(problem.errors).flat().join('；') : (problem.detail || problem.title || detail);
      } catch { /* not a problem document */ }
      throw new Error(detail);
    }
    return res;
  }

  const day = (d) => d.toISOString().slice(0, 10);
  const at = (t) => new Date(t).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

  async function targets() {
    const kind = document.querySelector('input[name=kind]:checked').value;
    // Towns are organisations; enterprises are listed by the registry (the largest page it answers).
    const list = kind === 'Town'
      ? await (await api('/api/organisations?kind=Town')).json()
      : (await (await api('/api/enterprises?pageSize=500')).json()).items;
    const select = $('#target');
    select.length = 0;
    for (const o of list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) select.add(new Option(o.name, o.id));
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function render(report) {
    current = report;
    $('#report').hidden = false;
    $('#report-title').textContent = report.scope.name + ' · ' + report.subject;
    $('#report-meta').textContent = '期间 ' + at(report.from) + ' 至 ' + at(report.to) + '；' + report.openedBy.name + ' 于 ' + at(report.openedAt)
      + ' 发起；账本截止序号 ' + report.cutOffSequence + '。'
      + (report.missedPatrols.length ? '期间漏巡 ' + report.missedPatrols.length + ' 个时段（' + report.missedPatrols.map(m => m.taskName + ' ' + at(m.from)).join('、') + '）。' : '期间无漏巡。');
    const s = report.summary;
    const box = $('#figures');
    box.innerHTML = '';
    for (const [key, label, value] of [
      ['inspections', '检查', s.inspections], ['items', '检查项', s.inspectionItems], ['non-compliant', '不合格项', s.nonCompliantItems],
      ['hazards', '隐患', s.hazards], ['major', '重大隐患', s.majorHazards], ['overdue', '逾期隐患', s.overdueHazards],
      ['overdue-days', '逾期天数', s.overdueDays], ['escalations', '升级', s.escalations], ['steps', '步骤', s.steps],
      ['signed', '个人签名', s.personallySigned], ['verified', '已验证', s.verified], ['unsealed', '待封存', s.unsealed], ['broken', '异常', s.broken]]) {
      const div = document.createElement('div');
      div.className = 'figure';
      div.innerHTML = '<span class="value"></span><span class="label"></span>';
      div.firstChild.textContent = value;
      div.firstChild.dataset.figure = key;
      div.lastChild.textContent = label;
      box.appendChild(div);
    }
    $('#head').textContent = report.head
      ? '签名树头 #' + report.head.id + '（' + report.head.treeSize + ' 条，密钥 ' + report.head.keyId + '，' + (report.head.trusted ? '可信' : '不可信：' + report.head.problem) + '）'
      : '尚无签名树头覆盖这些事件：下载证据包时封存。';

    const steps = [];
    for (const h of report.hazards) for (const st of h.steps) steps.push([st, '隐患：' + h.description]);
    for (const i of report.inspections) for (const st of i.steps) steps.push([st, '检查：' + (i.checklistName || i.kind)]);
    steps.sort((a, b) => a[0].sequence - b[0].sequence);
    const body = $('#timeline tbody');
    body.innerHTML = '';
    for (const [st, record] of steps) {
      const tr = document.createElement('tr');
      tr.dataset.sequence = st.sequence;
      tr.dataset.type = st.type;
      cell(tr, st.sequence);
      cell(tr, at(st.at));
      cell(tr, record, 'record');
      cell(tr, st.label + (st.remarks ? '：' + st.remarks : ''));
      cell(tr, st.by.name + ' · ' + (ROLE[st.by.role] || st.by.role) + ' · ' + st.by.organisationName);
      cell(tr, st.duty);
      cell(tr, st.personalSignatureKeyId ? (st.personalSignatureValid ? '有效（' + st.personalSignatureKeyId + '）' : '无效') : '—',
        st.personalSignatureKeyId ? (st.personalSignatureValid ? 'signed' : 'bad-signature') : '').dataset.signature = st.personalSignatureKeyId ? String(st.personalSignatureValid) : 'none';
      const ledger = cell(tr, LEDGER[st.ledger.status] || st.ledger.status, 'status-' + st.ledger.status);
      ledger.dataset.ledger = st.ledger.status;
      ledger.title = (st.ledger.problem || '') + ' 哈希 ' + st.ledger.hash;
      body.appendChild(tr);
    }
    document.body.dataset.ready = 'true';
  }

  async function load(id) {
    render(await (await api('/api/investigations/' + id)).json());
  }

  $('#ask').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#ask-error').textContent = '';
    document.body.dataset.ready = 'false';
    const kind = document.querySelector('input[name=kind]:checked').value;
    const body = {
      [kind === 'Enterprise' ? 'enterpriseId' : 'townId']: $('#target').value,
      from: new Date($('#from').value + 'T00:00:00+08:00').toISOString(),
      to: new Date($('#to').value + 'T23:59:59+08:00').toISOString(),
      subject: $('#subject').value
    };
    try {
      const created = await (await api('/api/investigations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
      history.replaceState(null, '', '?id=' + created.id);
      await load(created.id);
    } catch (err) {
      $('#ask-error').textContent = '无法开始调查：' + err.message;
    }
  });

  $('#download').addEventListener('click', async () => {
    if (!current) return;
    $('#download-status').textContent = '正在生成证据包…';
    try {
      const blob = await (await api('/api/investigations/' + current.id + '/bundle')).blob();
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'investigation-' + current.id + '.zip';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      $('#download-status').textContent = '已下载（' + Math.round(blob.size / 1024) + ' KB）';
      document.body.dataset.ready = 'false';
      await load(current.id);   // a head now covers every step
    } catch (err) {
      $('#download-status').textContent = '下载失败：' + err.message;
    }
  });

  async function start() {
    const me = await (await api('/api/me')).json();
    $('#who').textContent = (me.displayName || me.username) + ' · ' + (ROLE[me.role] || me.role);
    $('#sign-in').hidden = true;
    $('#work').hidden = false;
    $('#controls').hidden = false;
    if (me.role !== 'Auditor' && me.role !== 'DistrictAdmin') {
      $('#ask-error').textContent = '只有审计人员和区级管理员可以发起责任调查。';
      $('#open').disabled = true;
      return;
    }
    await targets();
    const id = new URLSearchParams(location.search).get('id');
    if (id) await load(id);
  }

  function signOut() {
    sessionStorage.removeItem('anjiaxing.token');
    $('#work').hidden = true;
    $('#controls').hidden = true;
    $('#sign-in').hidden = false;
  }

  $('#sign-in').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#sign-in-error').textContent = '';
    const res = await fetch('/api/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('#username').value, password: $('#password').value }) });
    if (!res.ok) { $('#sign-in-error').textContent = '用户名或密码错误'; return; }
    sessionStorage.setItem('anjiaxing.token', (await res.json()).accessToken);
    start().catch((err) => { $('#sign-in-error').textContent = '加载失败：' + err.message; });
  });
  $('#sign-out').addEventListener('click', signOut);
  for (const r of document.querySelectorAll('input[name=kind]')) r.addEventListener('change', () => targets().catch(console.error));

  const today = new Date(Date.now() + 8 * 3600 * 1000);
  $('#to').value = day(today);
  $('#from').value = day(new Date(today.getTime() - 30 * 24 * 3600 * 1000));
  if (token()) start().catch(signOut);
})();
