// 可视化大屏: signs in with a token, reads /api/stats/* for the caller's scope, refreshes itself.
(function () {
  'use strict';
  const REFRESH_MS = Number(new URLSearchParams(location.search).get('refresh') || 60) * 1000;
  const ROLE = { EnterpriseUser: '企业用户', TownSupervisor: '街镇监管', ThirdPartyInspector: '第三方检查', DepartmentOfficer: '职能部门', DistrictAdmin: '区级管理', Auditor: '审计' };
  const STATUS = { Reported: '已上报', PendingConfirmation: '待确认', Confirmed: '已确认', Rectifying: '整改中', AwaitingRecheck: '待复查', Rechecked: '已复查', ClosureRequested: '申请销号', Closed: '已销案', Dismissed: '已驳回', Withdrawn: '已撤回' };
  const SOURCE = { SelfInspection: '企业自查', SupervisionInspection: '监管检查', LawEnforcement: '执法检查', ThirdPartyInspection: '第三方检查', QuickCheck: '随手查', RiskPatrol: '风险巡查', CityOpsDispatch: '一网统管派单' };
  const LEVEL = { General: '一般隐患', Major: '重大隐患' };
  const KIND = { Routine: '日常检查', SpecialAction: '专项行动', Holiday: '节假日检查', LawEnforcement: '执法检查', SelfInspection: '企业自查', QuickCheck: '随手查', Temporary: '临时检查', Recheck: '复查' };
  const $ = (s) => document.querySelector(s);
  const charts = {};
  let timer = null;
  // The month shown follows the calendar (an unattended screen turns to the new month by itself) until someone picks one.
  let followMonth = true;

  // "Keep this screen signed in" keeps the tokens in localStorage (they survive a restart of the browser);
  // otherwise they live as long as the tab.
  const storage = () => (localStorage.getItem('anjiaxing.remember') === '1' ? localStorage : sessionStorage);
  const token = () => storage().getItem('anjiaxing.token');

  // Access tokens are short-lived; the refresh token (each usable once) keeps an unattended screen signed in.
  function keep(issued) {
    storage().setItem('anjiaxing.token', issued.accessToken);
    if (issued.refreshToken) storage().setItem('anjiaxing.refresh', issued.refreshToken);
  }

  // A refresh token used twice revokes the sign-in, so renewals never overlap: the panels of one page share one, and
  // pages sharing localStorage take a lock and skip the call when another page renewed since their request was refused.
  const locked = (fn) => (navigator.locks ? navigator.locks.request('anjiaxing.refresh', fn) : fn());
  let renewing = null;
  function renew(refusedToken) {
    renewing ??= locked(async () => {
      if (token() && token() !== refusedToken) return 'renewed';
      const refreshToken = storage().getItem('anjiaxing.refresh');
      if (!refreshToken) return 'refused';
      let res;
      try {
        res = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken }) });
      } catch { return 'offline'; }
      if (res.status === 400 || res.status === 401) return 'refused';
      if (!res.ok) return 'offline'; // 429, 503: the service is busy or down; the sign-in is still good
      keep(await res.json());
      return 'renewed';
    }).finally(() => { setTimeout(() => { renewing = null; }, 0); });
    return renewing;
  }

  class Offline extends Error {}

  // Only the service saying no signs the screen out; an outage leaves the last figures up and the next tick retries.
  async function api(path, retried = false) {
    const sent = token();
    let res;
    try {
      res = await fetch(path, { headers: { Authorization: 'Bearer ' + sent } });
    } catch { throw new Offline(path); }
    if (res.status === 401 && !retried) {
      const outcome = await renew(sent);
      if (outcome === 'renewed') return api(path, true);
      if (outcome === 'offline') throw new Offline(path);
    }
    if (res.status === 401) {
      signOut('登录已失效，请重新登录');
      throw new Error('401');
    }
    if (res.status >= 500 || res.status === 429) throw new Offline(path);
    if (!res.ok) throw new Error(path + ' → ' + res.status);
    return res.json();
  }

  function failed(err) {
    if (!(err instanceof Offline)) { console.error(err); return; }
    document.body.dataset.offline = 'true';
    $('#updated').textContent = '连接中断，自动重试中（数据为 ' + (lastUpdate || '—') + ' 的）';
  }
  let lastUpdate = null;

  function pct(rate) { return rate.value === null ? '—' : (rate.value * 100).toFixed(1) + '%'; }

  function figures(panel, items) {
    const box = $('#' + panel + ' .figures');
    box.innerHTML = '';
    for (const [key, label, value] of items) {
      const div = document.createElement('div');
      div.className = 'figure';
      div.innerHTML = '<span class="value"></span><span class="label"></span>';
      div.firstChild.textContent = value;
      div.firstChild.dataset.figure = key;
      div.lastChild.textContent = label;
      box.appendChild(div);
    }
  }

  function chart(panel, option) {
    const el = $('#' + panel + ' .chart');
    if (!charts[panel]) {
      el.innerHTML = ''; // the empty-state text of an earlier refresh
      charts[panel] = echarts.init(el, 'dark', { renderer: 'canvas' });
    }
    charts[panel].setOption(Object.assign({ backgroundColor: 'transparent', animation: false }, option), true);
  }

  function empty(panel, text) {
    const el = $('#' + panel + ' .chart');
    if (charts[panel]) { charts[panel].dispose(); delete charts[panel]; }
    el.innerHTML = '<div class="empty"></div>';
    el.firstChild.textContent = text;
  }

  function bar(labels, values, name) {
    return { grid: { left: 40, right: 10, top: 20, bottom: 40 }, tooltip: {}, xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', name, data: values }] };
  }

  // The district's month (UTC+8) as yyyy-MM.
  const currentMonth = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7);

  // The months to pick from, newest first, named in Chinese (2026年12月): a <select> rather than <input type="month">, which
  // the browser labels in its own locale ("December 2026" on an English system). Rebuilt when the calendar turns a month.
  const MONTHS = 36;
  function months() {
    const select = $('#month');
    const now = currentMonth();
    if (select.options.length && select.options[0].value === now) return;
    const picked = select.value;
    const [y, m] = now.split('-').map(Number);
    select.length = 0;
    for (let i = 0; i < MONTHS; i++) {
      const d = new Date(Date.UTC(y, m - 1 - i, 1));
      const value = d.toISOString().slice(0, 7);
      select.add(new Option(d.getUTCFullYear() + '年' + (d.getUTCMonth() + 1) + '月', value));
    }
    select.value = picked && [...select.options].some((o) => o.value === picked) ? picked : now;
  }

  function query() {
    const q = new URLSearchParams();
    const m = $('#month').value;
    if (m) q.set('month', m);
    const t = $('#town').value;
    if (t) q.set('townId', t);
    return q.toString();
  }

  // The trend: the twelve months up to the month shown, one point a month (the service leaves out days to come).
  function trendQuery() {
    const q = new URLSearchParams({ granularity: 'month' });
    const [y, m] = ($('#month').value || currentMonth()).split('-').map(Number);
    const first = new Date(Date.UTC(y, m - 12, 1));
    const last = new Date(Date.UTC(y, m, 0));
    q.set('from', first.toISOString().slice(0, 10));
    q.set('to', last.toISOString().slice(0, 10));
    const t = $('#town').value;
    if (t) q.set('townId', t);
    return q.toString();
  }

  // Monitoring and the map are the state now (not the month's): they take only the town.
  function townQuery() {
    const t = $('#town').value;
    return t ? new URLSearchParams({ townId: t }).toString() : '';
  }

  const ALARM_LEVEL = [['LowLow', '低低报'], ['Low', '低报'], ['High', '高报'], ['HighHigh', '高高报']];
  // GB 18218-2018 grades in the risk colours: 一级 red … 四级 blue.
  const GRADES = [['1', '一级', '#E60012'], ['2', '二级', '#F39800'], ['3', '三级', '#FFE100'], ['4', '四级', '#0068B7']];

  // 监测预警: alarms not yet resolved (by threshold level), equipment and certificates expired or expiring, major hazard sources by grade.
  function monitoring(m) {
    // 临期: expiring within the service's window (30 days by default), said in the figure's tooltip.
    figures('panel-monitoring', [['alarms-open', '未解除告警', m.openAlarms], ['alarms-unacknowledged', '未确认告警', m.unacknowledgedAlarms],
      ['equipment-expired', '设备过期', m.equipment.expired], ['equipment-expiring', '设备临期', m.equipment.expiringSoon],
      ['certificates-expired', '证书过期', m.certificates.expired], ['certificates-expiring', '证书临期', m.certificates.expiringSoon]]);
    for (const key of ['equipment-expiring', 'certificates-expiring'])
      $('#panel-monitoring [data-figure="' + key + '"]').parentElement.title = m.withinDays + '天内到期（不含已过期）';
    const alarms = $('#panel-monitoring .chart');
    if (m.openAlarms > 0) {
      chart('panel-monitoring', bar(ALARM_LEVEL.map((l) => l[1]), ALARM_LEVEL.map(([k]) => m.openAlarmsByLevel[k] || 0), '未解除告警'));
      const o = charts['panel-monitoring'].getOption();
      alarms.dataset.levels = o.xAxis[0].data.map((n, i) => n + ':' + o.series[0].data[i]).join(' ');
    } else {
      empty('panel-monitoring', '暂无未解除告警');
      alarms.dataset.levels = '';
    }

    figures('panel-major-hazards', [['major-hazard-sources', '重大危险源', m.majorHazardSources],
      ...GRADES.map(([k, n]) => ['major-hazard-grade-' + k, n, m.majorHazardSourcesByGrade[k] || 0])]);
    if (m.majorHazardSources > 0) chart('panel-major-hazards', { tooltip: {}, grid: { left: 40, right: 10, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: GRADES.map((g) => g[1]) }, yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: '重大危险源', data: GRADES.map(([k, , c]) => ({ value: m.majorHazardSourcesByGrade[k] || 0, itemStyle: { color: c } })) }] });
    else empty('panel-major-hazards', '暂无重大危险源');
  }

  // The map feed's layers, in the order the legend shows them.
  const LAYER = [['fire-stations', '微型消防站', '#ff5252'], ['fire-facilities', '消防设施', '#ffab40'], ['supplies', '应急物资', '#69f0ae'],
    ['teams', '应急队伍', '#40c4ff'], ['experts', '应急专家', '#b388ff'], ['incidents', '突发事件', '#ffd740']];

  // The emergency map: a scatter by coordinates (x longitude, y latitude), one series per layer, no map tiles.
  function map(collection) {
    const features = collection.features;
    const known = LAYER.filter(([k]) => features.some((f) => f.properties.layer === k));
    const other = [...new Set(features.map((f) => f.properties.layer))].filter((k) => !LAYER.some(([l]) => l === k)).map((k) => [k, k, undefined]);
    const layers = known.concat(other);
    figures('panel-emergency-map', [['map-features', '有坐标的资源与事件', features.length],
      ...layers.map(([k, n]) => ['map-' + k, n, features.filter((f) => f.properties.layer === k).length])]);
    const el = $('#panel-emergency-map .chart');
    if (features.length === 0) {
      empty('panel-emergency-map', '暂无带坐标的应急资源');
      el.dataset.points = '';
      return;
    }
    // Each axis spans the points with a margin (none sits on the frame), at least 0.02° (about 2 km) so the points of one
    // enterprise do not fill the frame, in about six even steps that both ends fall on; labels with the step's decimals.
    const STEPS = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5];
    function axis(name, values) {
      const lo = Math.min(...values), hi = Math.max(...values);
      const span = Math.max(hi - lo, 0.02) * 1.1, mid = (lo + hi) / 2;
      const step = STEPS.find((s) => s >= span / 6) || 10;
      const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
      const round = (v) => Number(v.toFixed(decimals));
      return { type: 'value', name, interval: step, min: round(Math.floor((mid - span / 2) / step) * step),
        max: round(Math.ceil((mid + span / 2) / step) * step),
        axisLabel: { formatter: (v) => v.toFixed(decimals) }, splitLine: { lineStyle: { color: '#16365f' } } };
    }
    chart('panel-emergency-map', {
      tooltip: { formatter: (p) => {
        const d = p.data;
        // Text from the registers goes in as text, never as markup.
        const div = document.createElement('div');
        for (const line of [p.seriesName + '：' + d.name, d.where, d.phone && '电话 ' + d.phone, '经度 ' + d.value[0].toFixed(4) + '，纬度 ' + d.value[1].toFixed(4)]) {
          if (!line) continue;
          const row = document.createElement('div');
          row.textContent = line;
          div.appendChild(row);
        }
        return div.innerHTML;
      } },
      legend: { top: 0, textStyle: { color: '#d8e6ff' }, data: layers.map((l) => l[1]) },
      grid: { left: 60, right: 50, top: 36, bottom: 40 },
      xAxis: axis('经度', features.map((f) => f.geometry.coordinates[0])),
      yAxis: axis('纬度', features.map((f) => f.geometry.coordinates[1])),
      series: layers.map(([k, n, c]) => ({ type: 'scatter', name: n, symbolSize: k === 'incidents' ? 16 : 12, itemStyle: c ? { color: c } : undefined,
        data: features.filter((f) => f.properties.layer === k).map((f) => ({ value: f.geometry.coordinates, name: f.properties.name,
          phone: f.properties.phone, where: [f.properties.townName, f.properties.enterpriseName, f.properties.location].filter(Boolean).join(' · ') })) }))
    });
    // What the chart holds, read back from ECharts (series name: points), for anyone checking the screen without a script.
    el.dataset.points = charts['panel-emergency-map'].getOption().series.map((s) => s.name + ':' + s.data.length).join(' ');
  }

  async function refresh() {
    months();
    if (followMonth) $('#month').value = currentMonth();
    const q = query();
    const [overview, assessment, users, hazards, trend, sources, risk, inspections, monitoringFigures, emergencyMap] = await Promise.all(
      ['overview', 'assessment', 'users', 'hazards', 'trend', 'sources', 'risk-points', 'inspections']
        .map((p) => api('/api/stats/' + p + '?' + (p === 'trend' ? trendQuery() : q)))
        .concat([api('/api/monitoring/figures?' + townQuery()), api('/api/emergency/map?' + townQuery())]));

    const o = overview.figures;
    figures('panel-overview', [
      ['scope', '范围', overview.scope.name], ['enterprises', '企业数', o.enterprises], ['users', '用户数', o.users],
      ['hazards', '隐患总数', o.hazards], ['open', '未销案', o.openHazards], ['open-major', '未销案重大隐患', o.openMajorHazards],
      ['overdue', '逾期', o.overdueHazards], ['reported', '本月上报', o.reportedInPeriod], ['closed', '本月销案', o.closedInPeriod]]);

    const a = assessment.figures;
    figures('panel-assessment', [
      ['user-activity', '用户活跃度', pct(a.userActivity)], ['information-accuracy', '信息准确率', pct(a.informationAccuracy)],
      ['closure-rate', '隐患销案率', pct(a.closureRate)], ['on-time-closure-rate', '按期销案率', pct(a.onTimeClosureRate)],
      ['rectification-rate', '整改率', pct(a.rectificationRate)]]);

    const u = users.figures;
    figures('panel-users', [['users-enabled', '启用账号', u.enabled], ['users-active', '本月活跃', u.activeInPeriod]]);
    const roles = Object.keys(ROLE);
    chart('panel-users', bar(roles.map((r) => ROLE[r]), roles.map((r) => u.byRole[r] || 0), '用户数'));

    const h = hazards.figures;
    figures('panel-hazards', [['hazards-total', '隐患总数', h.total], ['hazards-general', '一般隐患', h.byLevel.General],
      ['hazards-major', '重大隐患', h.byLevel.Major], ['hazards-overdue', '逾期隐患', h.overdue]]);
    const shares = Object.keys(STATUS).filter((s) => h.byStatus[s] > 0).map((s) => ({ name: STATUS[s], value: h.byStatus[s] }));
    if (shares.length) chart('panel-hazards', { tooltip: { formatter: '{b}: {c} ({d}%)' }, series: [{ type: 'pie', radius: ['35%', '65%'], percentPrecision: 1, data: shares, label: { formatter: '{b}\n{d}%' } }] });
    else empty('panel-hazards', '暂无隐患');

    const points = trend.figures.points;
    chart('panel-trend', { tooltip: { trigger: 'axis' }, legend: { top: 0, textStyle: { color: '#d8e6ff' }, data: ['上报', '整改', '销案'] }, grid: { left: 40, right: 10, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: points.map((p) => p.period) }, yAxis: { type: 'value', minInterval: 1 },
      // Straight segments between the months' counts: a smoothed curve would invent values between them.
      series: [['上报', 'reported'], ['整改', 'rectified'], ['销案', 'closed']].map(([n, k]) => ({ type: 'line', name: n, smooth: false, data: points.map((p) => p[k]) })) });
    $('#panel-trend').dataset.reported = points.reduce((s, p) => s + p.reported, 0);

    const src = Object.keys(SOURCE);
    if (sources.figures.total > 0) chart('panel-sources', bar(src.map((s) => SOURCE[s]), src.map((s) => sources.figures.bySource[s] || 0), '隐患数'));
    else empty('panel-sources', '暂无隐患');

    // Risk points by level, in the four colours of the risk map (重大 red, 较大 orange, 一般 yellow, 低 blue).
    const rp = risk.figures;
    const LEVELS = [['Major', '重大风险', '#E60012'], ['Significant', '较大风险', '#F39800'], ['General', '一般风险', '#FFE100'], ['Low', '低风险', '#0068B7']];
    figures('panel-risk', [['risk-points', '风险点', rp.total], ...LEVELS.map(([k, n]) => ['risk-' + k.toLowerCase(), n, rp.byLevel[k] || 0]),
      ['risk-public', '公共风险点', rp.public]]);
    if (rp.total > 0) chart('panel-risk', { tooltip: {}, grid: { left: 40, right: 10, top: 20, bottom: 30 }, xAxis: { type: 'category', data: LEVELS.map((l) => l[1]) },
      yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', name: '风险点', data: LEVELS.map(([k, , c]) => ({ value: rp.byLevel[k] || 0, itemStyle: { color: c } })) }] });
    else empty('panel-risk', '暂无风险点');

    const i = inspections.figures;
    figures('panel-inspection-month', [['inspections-total', '检查次数', i.total], ['plan-completion', '计划完成率', pct(i.planCompletion)]]);
    if (i.total > 0) {
      chart('panel-inspection-month', bar(i.byMonth.map((m) => m.month), i.byMonth.map((m) => m.inspections), '检查次数'));
      const kinds = Object.keys(i.byKind);
      chart('panel-inspection-kind', { tooltip: {}, series: [{ type: 'pie', radius: '60%', data: kinds.map((k) => ({ name: KIND[k] || k, value: i.byKind[k] })) }] });
    } else {
      empty('panel-inspection-month', '暂无检查记录');
      empty('panel-inspection-kind', '暂无检查记录');
    }
    // What the period's inspections found, not how many kinds there happen to be.
    const raised = i.byMonth.reduce((s, m) => s + m.hazardsRaised, 0);
    figures('panel-inspection-kind', [['inspection-hazards-raised', '检查发现隐患', raised],
      ['inspection-hazards-per-check', '平均每次发现', i.total > 0 ? (raised / i.total).toFixed(1) : '—']]);

    monitoring(monitoringFigures);
    map(emergencyMap);

    lastUpdate = new Date().toLocaleTimeString('zh-CN', { hour12: false });
    $('#updated').textContent = '更新于 ' + lastUpdate;
    document.body.dataset.offline = 'false';
    document.body.dataset.ready = 'true';
  }

  async function start() {
    const me = await api('/api/me');
    $('#who').textContent = (me.displayName || me.username) + ' · ' + (ROLE[me.role] || me.role) + ' · ' + (me.organisationName || '');
    if (me.role === 'DistrictAdmin' || me.role === 'Auditor') {
      const towns = await api('/api/organisations?kind=Town');
      const select = $('#town');
      select.length = 1;
      for (const t of towns) select.add(new Option(t.name, t.id));
      $('#town-label').hidden = false;
    }
    $('#sign-in').hidden = true;
    $('#board').hidden = false;
    $('#controls').hidden = false;
    clearInterval(timer);
    timer = setInterval(() => refresh().catch(failed), REFRESH_MS);
    await refresh();
  }

  function signOut(reason) {
    for (const s of [sessionStorage, localStorage]) { s.removeItem('anjiaxing.token'); s.removeItem('anjiaxing.refresh'); }
    localStorage.removeItem('anjiaxing.remember');
    clearInterval(timer);
    $('#board').hidden = true;
    $('#controls').hidden = true;
    $('#sign-in').hidden = false;
    $('#sign-in-error').textContent = typeof reason === 'string' ? reason : '';
  }

  // A screen that boots before the service (or loses it) keeps trying with the tokens it has.
  function boot() {
    start().catch((err) => {
      if (err instanceof Offline) { failed(err); setTimeout(boot, 10_000); }
    });
  }

  $('#sign-in').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#sign-in-error').textContent = '';
    const res = await fetch('/api/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('#username').value, password: $('#password').value }) });
    if (!res.ok) { $('#sign-in-error').textContent = '用户名或密码错误'; return; }
    if ($('#remember').checked) localStorage.setItem('anjiaxing.remember', '1');
    else localStorage.removeItem('anjiaxing.remember');
    keep(await res.json());
    start().catch((err) => { $('#sign-in-error').textContent = '加载失败：' + err.message; });
  });
  $('#sign-out').addEventListener('click', () => signOut());
  $('#town').addEventListener('change', () => refresh().catch(failed));
  $('#month').addEventListener('change', () => {
    followMonth = $('#month').value === currentMonth();
    refresh().catch(failed);
  });
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));

  months();
  if (token()) boot();
})();
