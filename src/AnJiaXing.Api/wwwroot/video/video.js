// 视频监控: signs in with a token, lists an enterprise's cameras (/api/devices?kind=Video) and plays the chosen one's
// HLS stream with hls.js (or natively where the browser plays HLS itself).
(() => {
  const $ = id => document.getElementById(id);
  const token = () => sessionStorage.getItem('anjiaxing.token');
  const api = async path => {
    const res = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
    if (!res.ok) throw new Error(path + ' → ' + res.status);
    return res.json();
  };
  let hls = null;

  function play(camera, button) {
    document.querySelectorAll('#cameras button').forEach(b => b.setAttribute('aria-pressed', String(b === button)));
    $('camera-name').textContent = camera.name;
    $('status').textContent = '连接中…';
    document.body.dataset.playing = 'false';
    const video = $('player');
    if (hls) { hls.destroy(); hls = null; }
    if (window.Hls && Hls.isSupported()) {
      hls = new Hls();
      hls.on(Hls.Events.ERROR, (_, data) => { if (data.fatal) $('status').textContent = '视频流无法播放：' + data.details; });
      hls.loadSource(camera.streamUrl);
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = camera.streamUrl;
    } else {
      $('status').textContent = '浏览器不支持 HLS 播放';
      return;
    }
    video.play().catch(() => {});
  }

  $('player').addEventListener('timeupdate', () => {
    if ($('player').currentTime > 0 && document.body.dataset.playing !== 'true') {
      document.body.dataset.playing = 'true';
      $('status').textContent = '播放中';
    }
  });

  async function showCameras(enterpriseId) {
    const list = await api('/api/devices?kind=Video&pageSize=500' + (enterpriseId ? '&enterpriseId=' + enterpriseId : ''));
    const ul = $('cameras');
    ul.replaceChildren();
    $('empty').hidden = list.items.length > 0;
    for (const camera of list.items) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.camera = camera.id;
      button.textContent = camera.name + '（' + camera.enterpriseName + '）';
      button.addEventListener('click', () => play(camera, button));
      li.append(button);
      ul.append(li);
    }
    document.body.dataset.ready = 'true';
  }

  async function start() {
    $('sign-in').hidden = true;
    $('wall').hidden = false;
    const wanted = new URLSearchParams(location.search).get('enterpriseId');
    await showCameras(wanted);
  }

  $('sign-in').addEventListener('submit', async e => {
    e.preventDefault();
    $('sign-in-error').textContent = '';
    const res = await fetch('/api/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
    if (!res.ok) { $('sign-in-error').textContent = '用户名或密码错误'; return; }
    sessionStorage.setItem('anjiaxing.token', (await res.json()).accessToken);
    start().catch(err => { $('sign-in-error').textContent = String(err); });
  });

  if (token()) start().catch(() => { sessionStorage.removeItem('anjiaxing.token'); });
})();
