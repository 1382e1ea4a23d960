// 安全风险四色图: signs in with a token, reads an enterprise's map (/api/enterprises/{id}/risk-map), fetches the site plan
// with the token (an <img> cannot send it) and shows it from a blob: URL, with a marker per placement in the point's
// current colour, a legend and the counts by level.
(() => {
  const $ = id => document.getElementById(id);
  const LEVELS = [['Major', '重大风险', '#E60012'], ['Significant', '较大风险', '#F39800'], ['General', '一般风险', '#FFE100'], ['Low', '低风险', '#0068B7']];
  const token = () => sessionStorage.getItem('anjiaxing.token');
  const get = async path => {
    const res = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
    if (res.status === 401) { sessionStorage.removeItem('anjiaxing.token'); throw new Error('登录已过期，请重新登录'); }
    return res;
  };
  const api = async path => {
    const res = await get(path);
    if (!res.ok) throw Object.assign(new Error(path + ' → ' + res.status), { status: res.status });
    return res.json();
  };
  let planUrl = null;

  function legend(placements) {
    const ul = $('legend');
    ul.replaceChildren();
    for (const [level, name, hex] of LEVELS) {
      const li = document.createElement('li');
      li.dataset.level = level;
      const label = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.className = 'swatch';
      swatch.style.background = hex;
      label.append(swatch, name);
      const count = document.createElement('b');
      count.textContent = String(placements.filter(p => p.level === level).length);
      li.append(label, count);
      ul.append(li);
    }
    $('total').textContent = '共标注 ' + placements.length + ' 个风险点';
  }

  async function show(enterpriseId, name) {
    document.body.dataset.ready = 'false';
    $('enterprise-name').textContent = name || '';
    $('message').textContent = '';
    $('markers').replaceChildren();
    $('points').replaceChildren();
    $('plan-image').removeAttribute('src');
    if (planUrl) { URL.revokeObjectURL(planUrl); planUrl = null; }
    let map;
    try {
      map = await api('/api/enterprises/' + enterpriseId + '/risk-map');
    } catch (err) {
      legend([]);
      $('published').textContent = '';
      $('message').textContent = err.status === 404 ? '该企业尚未发布四色图。' : String(err.message);
      document.body.dataset.ready = 'true';
      return;
    }
    $('published').textContent = '发布于 ' + new Date(map.publishedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) + '（版本 ' + map.version + '）';
    const image = await get('/api/evidence/' + map.evidenceId);
    if (image.ok) {
      planUrl = URL.createObjectURL(await image.blob());
      await new Promise(resolve => { $('plan-image').onload = resolve; $('plan-image').onerror = resolve; $('plan-image').src = planUrl; });
    } else {
      $('message').textContent = '平面图无法读取（' + image.status + '）';
    }
    const byLevel = Object.fromEntries(LEVELS.map(l => [l[0], l]));
    for (const p of map.placements) {
      const [, levelName, hex] = byLevel[p.level] || LEVELS[3];
      const marker = document.createElement('div');
      marker.className = 'marker';
      marker.dataset.level = p.level;
      marker.dataset.point = p.riskPointId;
      marker.style.left = (p.x * 100) + '%';
      marker.style.top = (p.y * 100) + '%';
      marker.style.background = hex;
      marker.title = p.name + '（' + levelName + '）';
      const label = document.createElement('span');
      label.textContent = p.name;
      marker.append(label);
      $('markers').append(marker);
      const li = document.createElement('li');
      const swatch = document.createElement('i');
      swatch.className = 'swatch';
      swatch.style.background = hex;
      li.append(swatch, p.name + ' · ' + levelName);
      $('points').append(li);
    }
    legend(map.placements);
    document.body.dataset.ready = 'true';
  }

  async function start() {
    $('sign-in').hidden = true;
    $('map').hidden = false;
    $('controls').hidden = false;
    const me = await api('/api/me');
    $('who').textContent = me.displayName + '（' + me.organisationName + '）';
    const wanted = new URLSearchParams(location.search).get('enterpriseId');
    if (me.role === 'EnterpriseUser') return show(wanted || me.organisationId, me.organisationName);
    const list = await api('/api/enterprises?pageSize=200');
    const select = $('enterprise');
    select.replaceChildren();
    for (const e of list.items) {
      const option = document.createElement('option');
      option.value = e.id;
      option.textContent = e.name;
      select.append(option);
    }
    $('enterprise-label').hidden = false;
    if (wanted) select.value = wanted;
    select.onchange = () => show(select.value, select.selectedOptions[0]?.textContent);
    if (select.value) return show(select.value, select.selectedOptions[0]?.textContent);
    $('message').textContent = '您的范围内没有企业。';
    document.body.dataset.ready = 'true';
  }

  $('sign-in').addEventListener('submit', async e => {
    e.preventDefault();
    $('sign-in-error').textContent = '';
    const res = await fetch('/api/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
    if (!res.ok) { $('sign-in-error').textContent = '用户名或密码错误'; return; }
    sessionStorage.setItem('anjiaxing.token', (await res.json()).accessToken);
    start().catch(err => { $('sign-in-error').textContent = String(err.message || err); });
  });

  $('sign-out').addEventListener('click', () => { sessionStorage.removeItem('anjiaxing.token'); location.reload(); });

  if (token()) start().catch(() => { sessionStorage.removeItem('anjiaxing.token'); location.reload(); });
})();
