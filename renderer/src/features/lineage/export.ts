/** Save an SVG element as a standalone .svg file (styles inlined by the SVG's own attributes). */
export function downloadSvg(svg: SVGSVGElement, name: string): void {
  const blob = new Blob([serialize(svg)], { type: 'image/svg+xml' });
  download(URL.createObjectURL(blob), `${name}.svg`);
}

/** Render an SVG element to a PNG at twice its size, for documents that take bitmaps. */
export function downloadPng(svg: SVGSVGElement, name: string): Promise<void> {
  const width = svg.viewBox.baseVal.width || svg.clientWidth;
  const height = svg.viewBox.baseVal.height || svg.clientHeight;
  const url = URL.createObjectURL(new Blob([serialize(svg)], { type: 'image/svg+xml' }));
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * 2;
      canvas.height = height * 2;
      const context = canvas.getContext('2d');
      if (!context) return reject(new Error('This browser cannot draw to a canvas.'));
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => {
        if (!blob) return reject(new Error('The image could not be encoded as PNG.'));
        download(URL.createObjectURL(blob), `${name}.png`);
        resolve();
      }, 'image/png');
    };
    image.onerror = () => reject(new Error('The graph could not be rendered to an image.'));
    image.src = url;
  });
}

function serialize(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.removeAttribute('style');
  return new XMLSerializer().serializeToString(clone);
}

function download(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
